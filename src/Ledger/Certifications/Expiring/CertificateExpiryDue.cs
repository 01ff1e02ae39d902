using JasperFx.Events;
using Ledger.Commands;
using Ledger.Domain;
using Ledger.Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Ledger.Certifications;

/// <summary>
/// The day after a certificate's last valid day has begun (its first moment in Asia/Jakarta). Scheduled as a Wolverine
/// message whenever a certificate is issued, renewed or reinstated, in the same transaction as those events, and kept
/// in Wolverine's PostgreSQL message storage until it comes due (at once, when that day has already begun). Then the
/// certificate is recorded expired, by <see cref="SystemActor"/> at <see cref="DueAt"/>, unless by then it was revoked,
/// has already expired, or was renewed to a later validity: such an expiry is stale, and nothing is recorded.
/// Its stored name (<c>certificate_expiry_due</c>) never changes, as it may wait in storage for three years.
/// </summary>
[MessageIdentity("certificate_expiry_due")]
public sealed record CertificateExpiryDue(Guid CertificationId, DateOnly ValidUntil) : ICommand
{
    /// <summary>Who records an expiry that came due: the ledger itself.</summary>
    public const string SystemActor = "system:expiry";

    /// <summary>The local queue the expiries wait on, durable in Wolverine's message storage.</summary>
    public const string Queue = "certificate-expiry";

    Guid ICommand.StreamId => CertificationId;

    string ICommand.Actor => SystemActor;

    DateTimeOffset ICommand.At => DueAt();

    /// <summary>When it comes due: the first moment of the day after <see cref="ValidUntil"/>, in Asia/Jakarta.</summary>
    public DateTimeOffset DueAt() => Days.StartInJakarta(ValidUntil.AddDays(1));

    /// <summary>
    /// The expiry that a decision on a certification leaves pending: the certificate's current last valid day, once
    /// <paramref name="events"/> issue, renew or reinstate it; none for any other decision.
    /// </summary>
    public static CertificateExpiryDue? After(StreamState<Certification> decided, IReadOnlyList<object> events)
    {
        if (!events.Any(e => e is CertificateIssued or CertificateRenewed or CertificateReinstated)) return null;
        var after = events.Aggregate(decided.State, Certification.Fold);
        return after.Certificate is { } certificate ? new CertificateExpiryDue(decided.StreamId, certificate.ValidUntil) : null;
    }

    /// <summary>The certificate's expiry when this is still its validity and it is in force (valid or frozen); nothing when stale.</summary>
    public static IReadOnlyList<object> Decide(Certification state, CertificateExpiryDue due) =>
        IsCurrent(state, due)
            ? ExpireCertificate.Decide(state, new ExpireCertificate(due.CertificationId, SystemActor, due.DueAt()))
            : [];

    static bool IsCurrent(Certification state, CertificateExpiryDue due) =>
        state is { Status: CertificateStatus.Valid or CertificateStatus.Frozen, Certificate: { } certificate }
        && certificate.ValidUntil == due.ValidUntil;

    /// <summary>
    /// Schedules this expiry through <paramref name="messages"/>, a handler's message context or an outbox enrolled in a
    /// Marten session: stored with what that session commits, sent when due.
    /// </summary>
    public ValueTask ScheduleAsync(IMessageBus messages) => messages.ScheduleAsync(this, DueAt());
}

/// <summary>Decides on the certification's stream when an expiry comes due, in Wolverine's aggregate handler workflow.</summary>
public static class CertificateExpiryDueHandler
{
    /// <summary>A database that cannot be reached is tried again later, from storage, rather than given up on.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException(e => e.MeansDatabaseUnreachable())
            .ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));

    public static async Task Handle(CertificateExpiryDue due, [WriteAggregate(Required = false)] IEventStream<Certification> certification, CommandAttempt attempt, CancellationToken ct) =>
        await attempt.DecideAsync(certification, state => CertificateExpiryDue.Decide(state, due), ct).ConfigureAwait(false);
}
