using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Records an assessment attempt: the assessor, the assessment site (TUK), and per SKKNI unit a K/BK
/// recommendation and its evidence method. A first attempt, a new attempt after BK or an appeal upheld,
/// or a re-certification attempt on a certificate that is active or expired.
/// </summary>
public sealed record RecordAssessment(
    Guid CertificationId,
    string Assessor,
    string AssessmentSite,
    DateOnly AssessedOn,
    IReadOnlyList<UnitAssessment> Units,
    string Actor,
    DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    public static IReadOnlyList<object> Decide(Certification state, RecordAssessment command)
    {
        var assessor = Text(command.Assessor, "The assessor");
        var site = Text(command.AssessmentSite, "The assessment site (TUK)");
        Require(command.Units is { Count: > 0 }, "An assessment must cover at least one SKKNI unit.");
        var units = command.Units.Select(u => u with { UnitCode = Text(u.UnitCode, "Each unit's code").ToUpperInvariant() }).ToArray();
        Require(units.Select(u => u.UnitCode).Distinct().Count() == units.Length, "Each SKKNI unit can be assessed only once per attempt.");

        state.EnsureOpen();
        Require(state.Application == ApplicationStatus.Accepted, "The application (FR.APL.01/02) must be accepted before an assessment.");
        if (state.LatestAttempt is { AwaitsDecision: true } pending)
            throw new Domain.DomainException($"Attempt {pending.Number} still awaits its decision; a new attempt can follow only a BK decision or an upheld appeal.");
        switch (state.Status)
        {
            case CertificateStatus.NotIssued when state.LatestAttempt?.Decision == Competence.Competent:
                throw new Domain.DomainException("The candidate was decided competent (K); the certificate can now be issued.");
            case CertificateStatus.Frozen:
                throw new Domain.DomainException($"Certificate {state.Certificate!.Number} is frozen; it must be reinstated before a re-certification assessment.");
            case CertificateStatus.Valid or CertificateStatus.Expired when state.CompetentSinceCertified:
                throw new Domain.DomainException("The holder was already decided competent for re-certification; the certificate can now be renewed.");
        }

        var day = state.DayOf(CertificationFacts.Assessment, command.AssessedOn, command.At);
        var recommendation = units.All(u => u.Recommendation == Competence.Competent) ? Competence.Competent : Competence.NotYetCompetent;
        return [new AssessmentRecorded(command.CertificationId, state.Attempts.Count + 1, assessor, site, day, units, recommendation, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class RecordAssessmentHandler
{
    public static Task<CommandResult> Handle(RecordAssessment command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => RecordAssessment.Decide(state, command), ct);
}
