using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Certifications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Ledger.Api.Registry.Imports;

/// <summary>What an import of a paper register did: the counts, and every row's outcome by its line in the file.</summary>
public sealed record CertificateImportAnswer(int Recorded, int AlreadyPresent, int Refused, string Summary, IReadOnlyList<ImportedLine> Lines)
{
    public static CertificateImportAnswer From(ImportReport report) =>
        new(report.Recorded, report.AlreadyPresent, report.Refused, report.Summary, report.Lines);
}

/// <summary>
/// <c>POST /api/registry/imports/certificates</c>: records a paper register (a CSV body, <see cref="PaperRegister"/>)
/// through <see cref="CertificateImport"/>, as the <c>import certificates</c> verb does (registrar).
/// </summary>
public static class ImportCertificatesEndpoint
{
    /// <summary>The largest register one request takes (about 40,000 rows); a larger one is split or given to the verb.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    const string Description =
        "Records a paper register of certifications, one whole certification per row, each fact with the day it happened: the artisan " +
        "(registered unless a registration already holds the NIK), the enrollment under the regency's PKS (the first in force on the " +
        "enrollment day that covers the scheme and has a seat left in that year), the application's acceptance, the assessment, the " +
        "panel's decision, the certificate (numbered in the LSP's sequence of the year of issue, in the order recorded) and, when given, " +
        "its handover. Each row goes through the same rules as the commands; a row a rule refuses is reported with its line and the " +
        "rule's words, and nothing of it is recorded. Importing the same file again records nothing: a row whose certification is " +
        "already recorded (same artisan, scheme and issue day) is reported `already-present`.\n\n" +
        "The body is `text/csv`, UTF-8, a header line naming the columns in any order, then one row per certification (a field may be " +
        "quoted, a quote doubled inside; a quoted field does not span lines). Required columns: `nik` (16 digits), `name`, `gender` " +
        "(`F`/`M`, or `P`/`L`), `birth_year`, `regency` (`PP.KK` on the official list), `business` (the IKM), `scheme`, `enrolled_on`, " +
        "`assessed_on`, `assessor`, `site` (the TUK), `units` (SKKNI unit codes separated by `;`), `verdict` (`K` or `BK`: the panel's " +
        "decision, and the assessor's recommendation on every unit), `panel` (names separated by `;`), `decided_on`, `issued_on`, `lsp` " +
        "(the issuing LSP's code), `blanko`. Optional: `registered_on` and `accepted_on` (default the enrollment day), `evidence` " +
        "(`portfolio`, `observation` or `test`; default portfolio), `paper_number` (the number printed on the paper certificate: kept " +
        "in the issuance's `paper_certificate_number` header, not as the certificate's number, which the ledger assigns), " +
        "`handed_over_on`, `handover_official`, `handover_place` (all three, or none). Days are `yyyy-MM-dd`.\n\n" +
        "Answers 200 with every line's outcome (`recorded`, `already-present`, `refused` with the reason); 422 when the file itself is " +
        "malformed (a required column missing, an unknown column), 400 when it is empty, 415 when the body is not `text/csv`. " +
        "Up to 16 MiB.";

    public static void MapImports(this RouteGroupBuilder registry)
    {
        registry.MapPost("/imports/certificates", Post)
            .RequireAuthorization(LedgerPolicies.Registrar)
            .WithName("ImportCertificates")
            .WithSummary("Record a paper register of certifications (CSV), each row's whole certification with its historical dates")
            .WithDescription(Description)
            // The body is described here rather than with Accepts: routing would answer a wrong content type 415 before
            // authorization, telling a caller without a token what the endpoint takes; the handler checks it instead.
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = PaperRegister.Example },
                    },
                };
                // An import is idempotent by what it records, and writes many streams: neither header of the other registry writes applies.
                foreach (var header in operation.Parameters?.Where(p => p.Name is "Idempotency-Key" or "If-Match").ToList() ?? []) operation.Parameters!.Remove(header);
                return Task.CompletedTask;
            });
    }

    static async Task<Ok<CertificateImportAnswer>> Post(HttpRequest request, CertificateImport importer, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("A paper register is sent as text/csv.", StatusCodes.Status415UnsupportedMediaType);
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        PaperRegister register;
        try
        {
            register = PaperRegister.Parse(text);
        }
        catch (EmptyPaperRegisterException e)
        {
            throw new BadHttpRequestException(e.Message, StatusCodes.Status400BadRequest);
        }
        var command = CommandContext.From(request.HttpContext);
        var report = await importer.ImportAsync(register,
            new ImportSource(command.Actor, command.At, $"request {command.CorrelationId} sha256:{register.Digest}", command.CorrelationId), ct: ct);
        return TypedResults.Ok(CertificateImportAnswer.From(report));
    }
}
