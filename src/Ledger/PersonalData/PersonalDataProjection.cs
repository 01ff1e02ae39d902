using Ledger.Artisans;
using Ledger.Store;
using Npgsql;

namespace Ledger.PersonalData;

/// <summary>
/// Writes, in the registration's own transaction, the new artisan's key and the hash of their NIK (whose
/// unique key refuses the same person twice, even when two registrations race); destroys the key in the
/// erasure's own transaction, so an acknowledged erasure can never leave the key behind.
/// </summary>
public sealed class PersonalDataProjection(PersonalDataProtector protector) : IInlineProjection
{
    public void Enqueue(IReadOnlyList<PendingEvent> events, InlineBatch batch)
    {
        foreach (var pending in events)
        {
            switch (pending.Data)
            {
                case ArtisanRegistered e:
                    if (!protector.TryGetPendingKey(e.ArtisanId, out var key))
                        throw new InvalidOperationException($"Artisan {e.ArtisanId} is registered without a personal data key.");
                    batch.Add(PersonalDataKeysTable.Insert(batch.Schema),
                        new NpgsqlParameter { Value = e.ArtisanId }, new NpgsqlParameter { Value = key },
                        new NpgsqlParameter { Value = pending.RecordedAt });
                    batch.Add(ArtisanNikHashesTable.Insert(batch.Schema),
                        new NpgsqlParameter { Value = e.NikHash }, new NpgsqlParameter { Value = e.ArtisanId });
                    break;
                case PersonalDataErased e:
                    batch.Add(PersonalDataKeysTable.Delete(batch.Schema), new NpgsqlParameter { Value = e.ArtisanId });
                    break;
                case ArtisanDetailsCorrected { NikHash: { } hash } e:
                    batch.Add(ArtisanNikHashesTable.Update(batch.Schema),
                        new NpgsqlParameter { Value = hash }, new NpgsqlParameter { Value = e.ArtisanId });
                    break;
            }
        }
    }
}
