using System.Runtime.CompilerServices;
using System.Security.Claims;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authentication;

namespace CleanroomMonitor.Service.Api;

public static class LiveEndpoints
{
    /// <summary>How often the stream pushes a snapshot.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>GET /api/live (one snapshot) and GET /api/live/stream (server-sent events: a snapshot every second, the
    /// live board's feed). Both cut to the rooms the user's tenant rents now.</summary>
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(Policies.Read);
        group.MapGet("/", async (ClaimsPrincipal user, TenantScopes scopes, LiveBoard board, CancellationToken ct) =>
            TypedResults.Ok(await board.SnapshotAsync(await scopes.ForAsync(user, ct), ct)));
        group.MapGet("/stream", async (HttpContext context, TenantScopes scopes, LiveBoard board, TimeProvider time, CancellationToken ct) =>
        {
            // The stream ends when the sign-in does: the browser reconnects, gets 401 and goes back to the login page.
            var expires = (await context.AuthenticateAsync()).Properties?.ExpiresUtc;
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(StreamAsync(context.User, expires, scopes, board, time, ct), "snapshot");
        });
        return app;
    }

    private static async IAsyncEnumerable<LiveSnapshot> StreamAsync(ClaimsPrincipal user, DateTimeOffset? expires, TenantScopes scopes, LiveBoard board,
        TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var scope = await scopes.ForAsync(user, ct);
        var tick = 0;
        do
        {
            if (time.GetUtcNow() >= expires)
            {
                yield break;
            }
            if (++tick % 30 == 0)
            {
                scope = await scopes.ForAsync(user, ct);   // leases change rarely; a long-open board still follows them
            }
            yield return await board.SnapshotAsync(scope, ct);
        }
        while (await WaitAsync(timer, ct));
    }

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
