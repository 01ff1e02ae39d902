using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Wolverine.Marten;
using static Ledger.Domain.Rules;

namespace Ledger.Certifications;

/// <summary>
/// Records that the issued (or renewed) certificate was handed over to the artisan: by which official, where, and on
/// which day (<see cref="HandedOverOn"/>, today in Asia/Jakarta when not given), never before the day of issue. Each
/// certificate (each blanko) is handed over once.
/// </summary>
public sealed record HandOverCertificate(Guid CertificationId, string Official, string Place, string Actor, DateTimeOffset At) : ICommand
{
    Guid ICommand.StreamId => CertificationId;

    /// <summary>The day of the handover; today in Asia/Jakarta when not given.</summary>
    public DateOnly? HandedOverOn { get; init; }

    public static IReadOnlyList<object> Decide(Certification state, HandOverCertificate command)
    {
        var official = Text(command.Official, "The official who handed the certificate over");
        var place = Text(command.Place, "The place of the handover");
        var certificate = state.EnsureIssued();
        Require(certificate.HandedOver is null,
            $"Certificate {certificate.Number} (blanko {certificate.BlankoNumber}) was already handed over on {certificate.HandedOver?.On:yyyy-MM-dd}.");
        var day = state.DayOf(CertificationFacts.Handover, command.HandedOverOn, command.At)
            .NotBefore(CertificationFacts.Handover, CertificationFacts.Issue, certificate.ValidFrom);
        return [new CertificateHandedOver(command.CertificationId, certificate.Number, certificate.BlankoNumber, official, place, day, command.At)];
    }
}

/// <summary>Decides on the certification's stream, loaded and committed by Wolverine's aggregate handler workflow.</summary>
public static class HandOverCertificateHandler
{
    public static Task<CommandResult> Handle(HandOverCertificate command, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        attempt.DecideAsync(certification, state => HandOverCertificate.Decide(state, command), ct);
}
