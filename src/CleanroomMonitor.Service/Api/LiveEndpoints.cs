using System.Runtime.CompilerServices;
using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authentication;

namespace CleanroomMonitor.Service.Api;

public static class LiveEndpoints
{
    /// <summary>How often the stream pushes a snapshot.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>GET /api/live (one snapshot) and GET /api/live/stream (server-sent events: a snapshot every second, the
    /// live board's feed). Both cut to the rooms the user's tenant rents now. A wall display may read both
    /// (<see cref="DisplayAccess"/>).</summary>
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(Policies.Read).WithMetadata(DisplayAccess.Allowed);
        group.MapGet("/", async (ClaimsPrincipal user, TenantScopes scopes, LiveBoard board, CancellationToken ct) =>
            TypedResults.Ok(await board.SnapshotAsync(await scopes.ForAsync(user, ct), ct)));
        group.MapGet("/stream", async (HttpContext context, TenantScopes scopes, LiveBoard board, IUserStore users, TimeProvider time, ILoggerFactory loggers,
            CancellationToken ct) =>
        {
            // The stream ends when the sign-in does: the browser reconnects, gets 401 and goes back to the login page.
            var expires = (await context.AuthenticateAsync()).Properties?.ExpiresUtc;
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            var session = new StreamSession(context.User, expires, users, loggers.CreateLogger(typeof(LiveEndpoints)));
            return TypedResults.ServerSentEvents(StreamAsync(session, scopes, board, time, ct), "snapshot");
        });
        return app;
    }

    /// <summary>How often an open stream asks whether its session may still go on: a revoked display, or a disabled or
    /// locked account, loses its board within this time, not at the end of a session that may never end.</summary>
    public const int SessionCheckTicks = 3;

    private static async IAsyncEnumerable<LiveSnapshot> StreamAsync(StreamSession session, TenantScopes scopes, LiveBoard board,
        TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var user = session.User;
        var scope = await scopes.ForAsync(user, ct);
        var tick = 0;
        do
        {
            if (time.GetUtcNow() >= session.Expires)
            {
                yield break;
            }
            if (++tick % SessionCheckTicks == 0 && user.Identity?.AuthenticationType != ApiTokenHandler.SchemeName
                && await SessionValidation.ProblemAsync(user, session.Users, time.GetUtcNow(), ct) is { } problem)
            {
                session.Logger.LiveStreamEnded(user.Identity?.Name ?? "(none)", problem);
                yield break;
            }
            if (tick % 30 == 0)
            {
                scope = await scopes.ForAsync(user, ct);   // leases change rarely; a long-open board still follows them
            }
            yield return await board.SnapshotAsync(scope, ct);
        }
        while (await WaitAsync(timer, ct));
    }

    private sealed record StreamSession(ClaimsPrincipal User, DateTimeOffset? Expires, IUserStore Users, ILogger Logger);

    /// <summary>False when the browser went away (RequestAborted): the stream ends quietly.</summary>
    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
