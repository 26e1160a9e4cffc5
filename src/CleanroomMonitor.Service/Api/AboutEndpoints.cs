using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

public static class AboutEndpoints
{
    /// <summary>GET /api/about: the installation's identity (<see cref="InstallationIdentity"/>: build, host, start time and
    /// the hashes of the configuration files read at start-up), for the facility's own staff and tokens (a tenant's account or
    /// token is refused: host, paths and files are the facility's business); an OQ run reads it to name
    /// the installation it qualifies and to check it tests the configuration in use (issue 24).</summary>
    public static IEndpointRouteBuilder MapAboutEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/about", (InstallationIdentity identity) => TypedResults.Ok(identity))
            .WithTags("About")
            .WithSummary("The installation's identity: build (version, commit, modified), host, start time, configuration files and their SHA-256")
            .RequireAuthorization(Policies.Staff);
        return app;
    }
}
