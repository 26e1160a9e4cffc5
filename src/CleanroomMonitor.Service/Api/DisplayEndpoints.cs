using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class DisplayEndpoints
{
    /// <summary>GET /display/{secret}: a wall display opens its credential's address once; the browser gets the display's
    /// session (<see cref="DisplaySessions"/>) and goes on to the board, so the secret leaves the address bar. An unknown,
    /// revoked or non-display secret is refused with 404 and the same words, saying nothing about which it was.</summary>
    public static IEndpointRouteBuilder MapDisplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/display/{secret}", OpenAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OpenAsync(string secret, HttpContext context, IUserStore users, IRecordStore records,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var display = await users.FindTokenAsync(ApiTokenHandler.HashOf(secret.Trim()), cancellationToken);
        if (display is not { IsActive: true, Kind: ApiTokenKind.Display })
        {
            return TypedResults.Problem("unknown or revoked display credential: ask an administrator for the display's address (Administration → API tokens)",
                statusCode: StatusCodes.Status404NotFound);
        }
        var now = time.GetUtcNow();
        await DisplaySessions.SignInAsync(context, display, now);
        // Attributable: each browser that becomes this display is in the audit trail, with its address.
        await records.AppendAuditAsync(new AuditEntry(now, DisplaySessions.NamePrefix + display.Name, nameof(Role.Viewer), AuditAction.UserLogin, AuditEntity.ApiToken,
            display.Id.ToString("D"), null, null, $"display session opened from {context.Connection.RemoteIpAddress}"), cancellationToken);
        loggers.CreateLogger(typeof(DisplayEndpoints)).DisplayOpened(display.Name, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return TypedResults.Redirect("/");
    }
}
