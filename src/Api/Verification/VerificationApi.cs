using Ledger.Api.Hosting;
using Ledger.Api.Http;

namespace Ledger.Api.Verification;

/// <summary><c>/api/verify</c>: the public certificate lookup; anonymous, and charged to the caller's <see cref="VerificationBudget"/>.</summary>
public static class VerificationApi
{
    public static RouteGroupBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/verify")
            .WithTags(ApiTags.Verification)
            .AllowAnonymous()
            .AddEndpointFilter<VerificationBudgetFilter>();
        return group;
    }
}
