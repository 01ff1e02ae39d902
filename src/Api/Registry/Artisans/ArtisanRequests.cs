using Ledger.Api.Problems;
using Ledger.Artisans;

namespace Ledger.Api.Registry.Artisans;

