using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.Analytics;

/// <summary>
/// What each analytics filter means on each view, written into the OpenAPI document as the operation's query
/// parameters: the filters are read from the query string by <see cref="AnalyticsFilters"/>, so the document would
/// otherwise not show them. A year always means the year a fact happened (its effective date), never the year it
/// was recorded; which fact, each view says.
/// </summary>
public static class AnalyticsParameters
{
    public sealed record Filter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Example = null);

    public static Filter Year(string meaning) => new("year", $"A year, 2000 to 2100: {meaning}", JsonSchemaType.Integer, "2025");

    public static readonly Filter Province = new("province",
        "A province's two-digit code (35): the regencies whose code begins with it.", Example: "35");

    public static readonly Filter Regency = new("regency", "A regency's code PP.KK on the official list (35.23).", Example: "35.23");

    public static readonly Filter Scheme = new("scheme", "A certification scheme's code (PEMBATIK-TULIS), in any case.", Example: "PEMBATIK-TULIS");

    public static readonly Filter SignedYear = new("signedYear",
        "A year, 2000 to 2100: only agreements whose PKS was signed in it (its signing date), whatever the years its seats were used.",
        JsonSchemaType.Integer, "2024");

    public static readonly Filter Page = new("page", "The page, from 1.", JsonSchemaType.Integer);

    public static readonly Filter PageSize = new("pageSize", $"Rows per page, 1 to {Ledger.Projections.Querying.ReadModelFilter.MaxPageSize} (default {Ledger.Projections.Querying.ReadModelFilter.DefaultPageSize}).",
        JsonSchemaType.Integer);

    public static readonly Filter Format = new("format", "csv: the same rows as CSV (as `Accept: text/csv`).", Example: "csv");

    /// <summary>Lists <paramref name="filters"/> as the operation's query parameters, with their meaning on this view.</summary>
    public static RouteHandlerBuilder WithFilters(this RouteHandlerBuilder builder, params Filter[] filters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var f in filters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = f.Name,
                    In = ParameterLocation.Query,
                    Description = f.Description,
                    Schema = new OpenApiSchema { Type = f.Type },
                    Example = f.Example is null ? null : f.Type == JsonSchemaType.Integer ? JsonValue.Create(int.Parse(f.Example)) : JsonValue.Create(f.Example),
                });
            return Task.CompletedTask;
        });
}
