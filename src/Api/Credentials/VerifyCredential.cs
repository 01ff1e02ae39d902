using System.Text.Json;

namespace Ledger.Api.Credentials;

/// <summary>A credential to check, as the compact JWS its holder was given.</summary>
public sealed record VerifyCredentialRequest(string? Credential)
{
    public static readonly VerifyCredentialRequest Example = new("eyJhbGciOiJFUzI1NiIsImtpZCI6ImRpZDp3ZWI6...");
}

/// <summary>
/// <c>POST /api/credentials/verify</c> (anyone, charged one lookup of the caller's budget): the credential as the body
/// (<c>application/vc+jwt</c> or <c>text/plain</c>) or as <c>{"credential": "..."}</c>; the answer is
/// <see cref="CredentialCheck"/>: valid, revoked, frozen, expired or invalid, with the reason.
/// </summary>
public static class VerifyCredential
{
    /// <summary>A credential is a few kilobytes; a body past this is not one.</summary>
    const int MaxLength = 64 * 1024;

    public static async Task<IResult> Verify(HttpRequest request, CredentialVerifier verifier, TimeProvider time, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (body.Length > MaxLength)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: "A credential is at most 64 KiB.");
        var compact = body.Trim();
        if (compact.StartsWith('{'))
        {
            try
            {
                compact = JsonSerializer.Deserialize<VerifyCredentialRequest>(compact, JsonSerializerOptions.Web)?.Credential ?? "";
            }
            catch (JsonException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request",
                    detail: "The body is neither a compact JWS nor {\"credential\": \"...\"}.");
            }
        }
        if (compact.Length == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No credential",
                detail: "Send the credential (the compact JWS) as the body, or as {\"credential\": \"...\"}.");
        return TypedResults.Ok(await verifier.CheckAsync(compact, time.GetUtcNow(), ct));
    }
}
