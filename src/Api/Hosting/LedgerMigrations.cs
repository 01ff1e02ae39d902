using Ledger.Store.Schema;

namespace Ledger.Api.Hosting;

/// <summary>Migrations a part of the ledger adds to the store's schema; register one per part with the services.</summary>
public sealed record LedgerMigrations(IReadOnlyList<Migration> Migrations);
