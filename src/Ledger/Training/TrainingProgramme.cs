using System.Text.Json.Serialization;
using Ledger.Agreements;
using Ledger.Domain;

namespace Ledger.Training;

/// <summary>
/// A centre planned a training programme for a year under an MoU with a partner: the field it teaches and the trainees it
/// aims to train that year.
/// </summary>
public sealed record TrainingProgrammePlanned(
    Guid ProgrammeId,
    string CentreName,
    Guid MouId,
    PartnerKind PartnerKind,
    string PartnerName,
    TrainingField Field,
    int Year,
    int TargetTrainees,
    DateOnly PlannedOn,
    DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => PlannedOn;
}

/// <summary>An artisan registered in the ledger was admitted to the programme.</summary>
public sealed record TraineeAdmitted(Guid ProgrammeId, Guid ArtisanId, DateOnly AdmittedOn, DateTimeOffset RecordedAt) : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => AdmittedOn;
}

/// <summary>
/// A participant completed the programme and received the centre's training certificate, numbered
/// <see cref="CertificateNumber"/> (a <see cref="TrainingCertificateNumber"/>). It is not a competency certificate.
/// </summary>
public sealed record TrainingCompleted(Guid ProgrammeId, Guid ArtisanId, string CertificateNumber, DateOnly CompletedOn, DateTimeOffset RecordedAt)
    : IDatedFact
{
    [JsonIgnore] public DateOnly EffectiveOn => CompletedOn;
}

/// <summary>The facts of a programme in a registrar's words, as refusals name them.</summary>
public static class TrainingFacts
{
    public const string Planning = "planning of the programme";
    public const string Admission = "admission";
    public const string Completion = "completion";
}

/// <summary>One participant of a programme: admitted on a day, and completed with a certificate once done.</summary>
public sealed record Trainee(Guid ArtisanId, DateOnly AdmittedOn, string? CertificateNumber = null, DateOnly? CompletedOn = null)
{
    public bool Completed => CertificateNumber is not null;
}

/// <summary>The training programme stream: its plan and its participants.</summary>
public sealed record TrainingProgramme(
    Guid Id,
    bool Planned,
    string CentreName,
    Guid MouId,
    string PartnerName,
    TrainingField Field,
    int Year,
    int TargetTrainees,
    DateOnly PlannedOn,
    IReadOnlyList<Trainee> Trainees) : IAggregate<TrainingProgramme>
{
    public static TrainingProgramme Initial { get; } = new(Guid.Empty, false, "", Guid.Empty, "", TrainingField.Batik, 0, 0, default, []);

    public static TrainingProgramme Fold(TrainingProgramme state, object @event) => @event switch
    {
        TrainingProgrammePlanned e => state with
        {
            Id = e.ProgrammeId, Planned = true, CentreName = e.CentreName, MouId = e.MouId, PartnerName = e.PartnerName, Field = e.Field,
            Year = e.Year, TargetTrainees = e.TargetTrainees, PlannedOn = e.PlannedOn,
        },
        TraineeAdmitted e => state with { Trainees = [.. state.Trainees, new Trainee(e.ArtisanId, e.AdmittedOn)] },
        TrainingCompleted e => state with
        {
            Trainees = [.. state.Trainees.Select(t => t.ArtisanId == e.ArtisanId ? t with { CertificateNumber = e.CertificateNumber, CompletedOn = e.CompletedOn } : t)],
        },
        _ => state,
    };

    public Trainee? TraineeOf(Guid artisanId) => Trainees.FirstOrDefault(t => t.ArtisanId == artisanId);

    public int CompletedCount => Trainees.Count(t => t.Completed);
}
