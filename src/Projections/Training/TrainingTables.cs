using Ledger.Projections.ReadModels;

namespace Ledger.Projections.Training;

/// <summary>
/// The inline tables of training: <c>training_programmes</c> (one row per programme: centre, partner, field, year, target,
/// admitted and completed) and <c>training_certificates</c> (one row per centre's training certificate, for the public lookup).
/// </summary>
public static class TrainingTables
{
    public const string Programmes = "training_programmes";
    public const string Certificates = "training_certificates";

    public static IReadOnlyList<ReadModelTable> All { get; } =
    [
        new(Programmes, t =>
        {
            t.AddColumn("programme_id", "uuid").AsPrimaryKey();
            t.AddColumn("centre_name", "text").NotNull();
            t.AddColumn("partner_kind", "text").NotNull();
            t.AddColumn("partner_name", "text").NotNull();
            t.AddColumn("field", "text").NotNull();
            t.AddColumn("year", "integer").NotNull();
            t.AddColumn("target", "integer").NotNull();
            t.AddColumn("admitted", "integer").NotNull();
            t.AddColumn("completed", "integer").NotNull();
        }, ("by_year", ["year"])),
        new(Certificates, t =>
        {
            t.AddColumn("number", "text").AsPrimaryKey();
            t.AddColumn("programme_id", "uuid").NotNull();
            t.AddColumn("artisan_id", "uuid").NotNull();
            t.AddColumn("completed_on", "date").NotNull();
        }),
    ];
}
