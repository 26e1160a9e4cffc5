using System.Net;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>Counts failed sign-ins per client address and refuses further attempts from an address that failed too
/// often lately, before they reach an account: one address can no longer guess passwords at will, nor lock every
/// account it can name (each account still locks after <see cref="SecurityOptions.LockoutThreshold"/> failures, as Part
/// 11 §11.300(d) wants). Successful sign-ins cost nothing here: a ward PC shared by a shift is not throttled.</summary>
/// <remarks>Our own small counter rather than ASP.NET Core's rate limiter, which counts requests: this must count
/// failures, and only failures. Addresses are those the service sees after the trusted proxy (<c>Proxy</c> options).
/// Memory is bounded: failures older than the window are dropped when the table grows.</remarks>
public sealed class SignInThrottle(IOptions<SecurityOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>When the address may try again; null when it may now.</summary>
    public DateTimeOffset? BlockedUntil(IPAddress? address)
    {
        var key = Key(address);
        var now = time.GetUtcNow();
        var window = options.Value.SignInThrottleWindow;
        lock (_gate)
        {
            if (!_failures.TryGetValue(key, out var failures))
            {
                return null;
            }
            Forget(failures, now - window);
            return failures.Count >= options.Value.SignInFailuresPerAddress ? failures.Peek() + window : null;
        }
    }

    public void Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_failures.Count > PruneAbove)
            {
                foreach (var (stale, _) in _failures.Where(p => p.Value.Count == 0 || p.Value.Last() < now - options.Value.SignInThrottleWindow).ToList())
                {
                    _failures.Remove(stale);
                }
            }
            var key = Key(address);
            if (!_failures.TryGetValue(key, out var failures))
            {
                _failures[key] = failures = new Queue<DateTimeOffset>();
            }
            failures.Enqueue(now);
        }
    }

    private static void Forget(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() < before)
        {
            failures.Dequeue();
        }
    }

    private static string Key(IPAddress? address) => address is null ? "unknown" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
