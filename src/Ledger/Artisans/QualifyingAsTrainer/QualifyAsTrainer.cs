using Ledger.Artisans;
using Ledger.Certifications;
using static Ledger.Domain.Rules;

namespace Ledger.Artisans
{
    /// <summary>Qualifies a certified artisan as a trainer in the scheme of their valid certificate.</summary>
    public sealed record QualifyAsTrainer(Guid ArtisanId, string SchemeCode, string Actor, DateTimeOffset At) : Domain.ICommand
    {
        /// <summary>The qualification, given the artisan's certification in that scheme.</summary>
        public static IReadOnlyList<object> Decide(Artisan state, Certification certification, QualifyAsTrainer command)
        {
            var scheme = Domain.Rules.SchemeCode(command.SchemeCode);
            state.EnsureRegistered(command.ArtisanId);
            Require(!state.TrainerSchemes.Contains(scheme), $"The artisan is already a trainer in {scheme}.");
            Require(certification.Certificate is not null && certification.IsValidOn(Domain.Days.Of(command.At)),
                $"Only an artisan with a valid certificate in {scheme} can be qualified as a trainer in it.");
            return [new ArtisanQualifiedAsTrainer(command.ArtisanId, scheme, certification.Certificate!.Number, command.At)];
        }
    }
}

namespace Ledger.Domain
{
    public sealed partial class LedgerCommands
    {
        public Task<CommandResult> HandleAsync(QualifyAsTrainer command, CommandOptions? options = null, CancellationToken ct = default) =>
            executor.ExecuteAsync(command.ArtisanId, command, null, options, async (unit, token) =>
            {
                var artisan = await unit.FetchAsync<Artisan>(command.ArtisanId, token).ConfigureAwait(false);
                var certification = await unit.FetchAsync<Certification>(
                    CertificationStreams.IdFor(command.ArtisanId, command.SchemeCode ?? ""), token).ConfigureAwait(false);
                unit.Append(artisan, QualifyAsTrainer.Decide(artisan.State, certification.State, command));
            }, ct);
    }
}
