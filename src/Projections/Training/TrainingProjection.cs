using JasperFx.Events;
using Ledger.Agreements;
using Ledger.Marten;
using Ledger.Training;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Projections.Training;

/// <summary>
/// Keeps the training tables in the append's own transaction (registered inline): a certificate can be looked up as soon as
/// the completion has answered, and the counts against each programme's target are exact.
/// </summary>
public sealed class TrainingProjection(string schema) : IProjection
{
    readonly string s = LedgerDatabase.Quote(schema);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case TrainingProgrammePlanned x:
                    operations.QueueSqlCommand($"""
                        insert into {s}.{TrainingTables.Programmes} (programme_id, centre_name, partner_kind, partner_name, field, year, target, admitted, completed)
                        values (?, ?, ?, ?, ?, ?, ?, 0, 0) on conflict (programme_id) do nothing
                        """, x.ProgrammeId, x.CentreName, x.PartnerKind.Name(), x.PartnerName, x.Field.Name(), x.Year, x.TargetTrainees);
                    break;
                case TraineeAdmitted x:
                    operations.QueueSqlCommand($"update {s}.{TrainingTables.Programmes} set admitted = admitted + 1 where programme_id = ?", x.ProgrammeId);
                    break;
                case TrainingCompleted x:
                    operations.QueueSqlCommand($"""
                        insert into {s}.{TrainingTables.Certificates} (number, programme_id, artisan_id, completed_on) values (?, ?, ?, ?)
                        """, x.CertificateNumber, x.ProgrammeId, x.ArtisanId, x.CompletedOn);
                    operations.QueueSqlCommand($"update {s}.{TrainingTables.Programmes} set completed = completed + 1 where programme_id = ?", x.ProgrammeId);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
