using Ledger.Api.Hosting;
using Ledger.Integrity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Integrity;

/// <summary>
/// Tamper evidence over HTTP: for auditors, <c>/api/audit/integrity</c> and <c>/api/audit/checkpoints</c>;
/// for anyone, the public key at <c>/api/integrity/public-key</c>.
/// </summary>
public static class IntegrityApi
{
    public static void MapIntegrityAudit(this RouteGroupBuilder audit)
    {
        audit.MapGet("/integrity", Verify).WithName("VerifyLedger")
            .WithSummary("Recompute every event's hash, every stream's chain and every signed checkpoint: intact up to position N, or every failure found");
        audit.MapGet("/checkpoints", Checkpoints).WithName("ListCheckpoints").WithSummary("The signed checkpoints, oldest first");
        audit.MapPost("/checkpoints", WriteCheckpoint).WithName("WriteCheckpoint")
            .WithSummary("Write a signed checkpoint now; 201 with it, 204 when no event was recorded since the last one");
    }

    public static void MapPublicKey(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/integrity/public-key", PublicKey).WithName("CheckpointPublicKey").WithTags(ApiTags.Audit).AllowAnonymous()
            .WithSummary("The public key checkpoints are signed with (ECDSA P-256, SHA-256), with its key id");

    static async Task<Ok<IntegrityReportView>> Verify(LedgerIntegrity integrity, CancellationToken ct) =>
        TypedResults.Ok(IntegrityReportView.From(await integrity.VerifyAsync(null, ct)));

    static async Task<Ok<IReadOnlyList<CheckpointView>>> Checkpoints(LedgerIntegrity integrity, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<CheckpointView>>((await integrity.ReadCheckpointsAsync(ct)).Select(CheckpointView.From).ToList());

    static async Task<Results<Created<CheckpointView>, NoContent>> WriteCheckpoint(LedgerIntegrity integrity, CancellationToken ct) =>
        await integrity.WriteCheckpointAsync(ct) is { } written
            ? TypedResults.Created($"/api/audit/checkpoints/{written.Number}", CheckpointView.From(written))
            : TypedResults.NoContent();

    static Ok<PublicKeyView> PublicKey(CheckpointSigner signer) =>
        TypedResults.Ok(new PublicKeyView(signer.KeyId, "ECDSA P-256 SHA-256 (IEEE P1363 signatures)", signer.PublicKeyPem));
}
