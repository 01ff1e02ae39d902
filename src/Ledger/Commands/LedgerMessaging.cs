using JasperFx.Core.Reflection;
using Ledger.Certifications;
using Ledger.Domain;
using Ledger.Marten;
using Ledger.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Ledger.Commands;

/// <summary>
/// The ledger's commands on Wolverine: each is a message whose handler (beside its <c>Decide</c>) runs in the aggregate
/// handler workflow, in one Marten session that Wolverine commits; <see cref="CommandMiddleware"/> runs before each.
/// A command that lost a race with another writer is decided again on fresh state, a bounded number of times; one
/// conditional on a version the stream has left is not. Certificate expiries (<see cref="CertificateExpiryDue"/>) wait on a
/// durable local queue. The composition adds Marten with <c>IntegrateWithWolverine()</c>,
/// <see cref="LedgerDatabase"/> and <see cref="DomainOptions"/>.
/// </summary>
public static class LedgerMessaging
{
    public static IServiceCollection AddLedgerCommands(this IServiceCollection services, CommandRetries? retries = null, Action<WolverineOptions>? more = null)
    {
        services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<LedgerDatabase>(), sp.GetRequiredService<DomainOptions>()));
        services.AddSingleton<CertificateImport>();
        return services.AddWolverine(options =>
        {
            Configure(options, retries ?? new CommandRetries());
            more?.Invoke(options);
        });
    }

    public static void Configure(WolverineOptions options, CommandRetries retries)
    {
        options.Discovery.IncludeAssembly(typeof(ICommand).Assembly);
        options.Policies.AutoApplyTransactions();
        options.Policies.AddMiddleware(typeof(CommandMiddleware), chain => chain.MessageType.CanBeCastTo<ICommand>());
        options.OnException(IsLostRace, "a lost race with another writer").RetryWithCooldown(retries.Delays()).WithFullJitter();
        // An expiry waits, for years, in Wolverine's message storage: the queue is durable, so the scheduled message is
        // stored by the transaction that records the certificate (the Marten outbox) and outlives every host.
        options.PublishMessage<CertificateExpiryDue>().ToLocalQueue(CertificateExpiryDue.Queue).UseDurableInbox();
        // A refused command is answered to whoever sent it; it is not the host's failure to log.
        options.Policies.MessageFailureLogLevel(LogLevel.Debug);
    }

    static bool IsLostRace(Exception e) => StreamConflicts.IsConflict(e) && e is not StaleVersionException;
}

/// <summary>How many times a command that lost a race is decided again, and after how long: the first delay doubles up to 16 times it, with jitter.</summary>
public sealed record CommandRetries(int Attempts = 6, int FirstDelayMilliseconds = 20)
{
    /// <summary>The most Wolverine allows.</summary>
    public const int MaxAttempts = 24;

    internal TimeSpan[] Delays() =>
        [.. Enumerable.Range(0, Math.Clamp(Attempts, 1, MaxAttempts)).Select(i => TimeSpan.FromMilliseconds(FirstDelayMilliseconds * Math.Pow(2, Math.Min(i, 4))))];
}
