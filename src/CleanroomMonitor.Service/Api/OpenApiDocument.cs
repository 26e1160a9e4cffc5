using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;

namespace CleanroomMonitor.Service.Api;

/// <summary>The OpenAPI document of the JSON API (GET /openapi.json, Microsoft.AspNetCore.OpenApi), with the
/// authentication and the role each operation needs written into its description.</summary>
public static class OpenApiDocument
{
    public const string Path = "/openapi.json";

    private static readonly Dictionary<string, string> PolicyRoles = new(StringComparer.Ordinal)
    {
        ["read"] = "any signed-in user or token (Viewer, Operator, QA, Admin)",
        ["operate"] = "role Operator or QA",
        ["review"] = "role QA",
        ["qualify"] = "role Operator, QA or Admin, for the facility's own staff (an account or token with a tenant is refused)",
        ["maintain"] = "role Operator or Admin",
        ["administer"] = "role Admin, for the facility's own staff (an account with a tenant is refused)",
    };

    public static IServiceCollection AddCleanroomOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CleanroomMonitor API";
            document.Info.Description = "JSON API of the cleanroom monitoring service. Authenticate with the session cookie from POST /api/auth/login "
                + "(changes then need the X-CSRF-TOKEN header, token from the login answer or GET /api/auth/me) or with 'Authorization: Bearer <token>' "
                + "(API tokens, created by an admin). A tenant's users and tokens see only their tenant's records.";
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needs = metadata.OfType<IAllowAnonymous>().Any()
                ? "No sign-in needed."
                : "Needs: " + string.Join("; and ", metadata.OfType<IAuthorizeData>().Select(a => a.Policy is { } p && PolicyRoles.TryGetValue(p, out var roles) ? roles : "a signed-in user").Distinct()) + ".";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : operation.Description + " " + needs;
            return Task.CompletedTask;
        });
    });
}
