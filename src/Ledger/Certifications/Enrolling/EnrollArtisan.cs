using JasperFx.Events;
using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Enrolls an artisan for certification in a scheme under a PKS, optionally in a batch: their regency's PKS when the
/// partner is a regency, their province's when it is a province, any other partner's (a firm, ministry or school) from
/// any regency.
/// The certification stream's id follows from the artisan and the scheme (<see cref="CertificationStreams.IdFor"/>).
/// The seat counts in the quota of the year of enrollment (<see cref="EnrolledOn"/>, today in Asia/Jakarta when not given).
/// </summary>
public sealed record EnrollArtisan(Guid ArtisanId, string SchemeCode, Guid PksId, Guid? BatchId, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    public Guid CertificationId => CertificationStreams.IdFor(ArtisanId, SchemeCode ?? "");

    /// <summary>The day of enrollment, whose year's quota the seat counts in; today in Asia/Jakarta when not given.</summary>
    public DateOnly? EnrolledOn { get; init; }

    /// <summary>
    /// The enrollment and the seats it takes: one of the PKS's quota for the year of enrollment on the PKS stream
    /// and, in a batch, one of its seats.
    /// </summary>
    public static Enrollment Decide(Certification state, Artisan artisan, Pks pks, Batch? batch, EnrollArtisan command)
    {
        var scheme = Domain.Rules.SchemeCode(command.SchemeCode);
        if (!artisan.Registered) throw new Domain.NotFoundException($"No artisan {command.ArtisanId} is registered.");
        Require(!state.Enrolled, $"The artisan is already enrolled in {scheme}; their certification in it continues on the same record.");
        var day = EffectiveDates.Judge(command.EnrolledOn, command.At, CertificationFacts.Enrollment);
        Require(pks.Status != AgreementStatus.None, "No such PKS has been recorded.");
        Require(pks.IsInForceOn(day), $"The PKS is not in force on the enrollment date {day:yyyy-MM-dd}: {pks.Term()}.");
        Require(pks.Covers(scheme), $"The PKS does not cover the scheme {scheme}.");
        if (pks.Partner!.RefusesArtisanOf(artisan.RegencyCode) is { } refusal) throw new DomainException(refusal);
        var year = day.Year;
        Require(pks.SeatsTakenIn(year) < pks.YearlyQuota,
            $"The {year} quota of {pks.YearlyQuota} artisans under PKS {command.PksId} is used up.");

        object? batchSeat = null;
        if (command.BatchId is { } batchId)
        {
            Require(batch is { Planned: true }, $"No batch {batchId} has been planned.");
            Require(!batch!.Completed, "The batch is already completed.");
            Require(batch.PksId == command.PksId, "The batch runs under another PKS.");
            Require(batch.SchemeCode == scheme, $"The batch trains and assesses {batch.SchemeCode}, not {scheme}.");
            Require(batch.Participants.Count < batch.Capacity, $"The batch is full: all {batch.Capacity} seats are taken.");
            day.NotBefore(CertificationFacts.Enrollment, BatchFacts.Planning, batch.PlannedOn);
            batchSeat = new BatchParticipantAdmitted(batchId, command.CertificationId, command.ArtisanId, day, command.At);
        }

        return new Enrollment(
            [new ArtisanEnrolled(command.CertificationId, command.ArtisanId, scheme, artisan.RegencyCode, command.PksId, command.BatchId, year, day, command.At)],
            new PksQuotaSeatTaken(command.PksId, year, command.CertificationId, command.ArtisanId, day, command.At),
            batchSeat);
    }
}

/// <summary>What an enrollment records on each of the streams it touches.</summary>
public sealed record Enrollment(IReadOnlyList<object> Certification, object QuotaSeat, object? BatchSeat);

/// <summary>
/// Appends to the certification, the PKS and the batch in one transaction, each at the version read, so that racing
/// enrollments conflict and are decided again: the quota and the capacity are never exceeded.
/// </summary>
public static class EnrollArtisanHandler
{
    public static async Task<CommandResult> Handle(EnrollArtisan command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct)
    {
        if (await attempt.EarlierAsync(certification.Id, ct).ConfigureAwait(false) is { } earlier) return earlier;
        var state = attempt.Decide(certification);
        var artisan = await attempt.FetchAsync<Artisan>(command.ArtisanId, ct).ConfigureAwait(false);
        var pks = await attempt.FetchAsync<Pks>(command.PksId, ct).ConfigureAwait(false);
        var batch = command.BatchId is { } batchId ? await attempt.FetchAsync<Batch>(batchId, ct).ConfigureAwait(false) : null;

        var enrollment = EnrollArtisan.Decide(state.State, artisan.State, pks.State, batch?.State, command);
        attempt.Append(state, enrollment.Certification);
        attempt.Append(pks, [enrollment.QuotaSeat]);
        if (batch is not null && enrollment.BatchSeat is { } seat) attempt.Append(batch, [seat]);
        return attempt.Result();
    }
}
