using Ledger.Api.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the bearer scheme, a tag per user group, the
/// headers every registry write takes, and the problem answers every protected endpoint may give.
/// </summary>
public static class OpenApiConfiguration
{
    public const string DocumentTitle = "Batik certification ledger";

    public const string DocumentRoute = "/openapi/{documentName}.json";

    public const string BearerScheme = "bearer";

    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = DocumentTitle,
                    Version = "v1",
                    Description = "Records every step of the competency certification of batik artisans, and answers who holds a valid certificate. " +
                                  "Errors are RFC 9457 problem details. Get a token with `Ledger.Api token <role>`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An HS256 token whose `role` claim is registrar, agency, auditor or analyst.",
                };
                document.Tags ??= new HashSet<OpenApiTag>();
                foreach (var (name, description) in ApiTags.All)
                    if (!document.Tags.Any(t => t.Name == name))
                        document.Tags.Add(new OpenApiTag { Name = name, Description = description });
                return Task.CompletedTask;
            });
            // An enum's schema lists its values; whether a property may be null is the property's to say. Without this the
            // shared schema takes "null" as a value whenever the first use the generator meets is a nullable one.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type.IsEnum && schema.Enum is { } values)
                    for (var i = values.Count - 1; i >= 0; i--)
                        if (values[i] is null) values.RemoveAt(i);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var anonymous = metadata.OfType<IAllowAnonymous>().Any();
                if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token (problem details)." });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's role may not do this (problem details)." });
                }
                var method = context.Description.HttpMethod ?? "GET";
                if (operation.Tags?.Any(t => t.Name == ApiTags.Registry) == true && !HttpMethods.IsGet(method))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Idempotency-Key",
                        In = ParameterLocation.Header,
                        Description = "Makes a retry return the first answer instead of recording twice. One key per distinct request.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                    });
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Description = "The ETag of the version the write was decided on, e.g. \"7\"; a changed stream answers 412.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
                return Task.CompletedTask;
            });
        });
}
