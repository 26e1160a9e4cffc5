using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>When each sign-in session last signed, so that a signature within one continuous period of controlled
/// access may be given with the password alone, and the first one — or the first after a pause longer than
/// <see cref="SecurityOptions.SigningSessionIdle"/> — needs the user id and the password (21 CFR 11.200(a)(1)).</summary>
/// <remarks>In memory on purpose: a restart forgets every session's signing, which only ever asks for the user id once
/// more (the safe direction). Memory is bounded: a session that has not signed within the idle limit is forgotten,
/// since forgetting it gives the same answer as remembering it.</remarks>
public sealed class SigningSessions(IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _lastSigned = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The session signed within the idle limit: its next signature may be by password alone. A principal
    /// without a session id (a cookie from before this rule) is never continuous.</summary>
    public bool IsContinuous(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return false;
        }
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_lastSigned.TryGetValue(sessionId, out var last))
            {
                return false;
            }
            if (Expired(last, now))
            {
                _lastSigned.Remove(sessionId);
                return false;
            }
            return true;
        }
    }

    /// <summary>The session has just given a verified signature: the continuous period runs from now.</summary>
    public void Record(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Few people sign within one idle period, so a full sweep on each signature costs little and keeps the
            // table at the sessions that are continuous now.
            foreach (var (stale, _) in _lastSigned.Where(p => Expired(p.Value, now)).ToList())
            {
                _lastSigned.Remove(stale);
            }
            _lastSigned[sessionId] = now;
        }
    }

    /// <summary>The session ended (sign-out): its next signing, if its cookie were ever presented again, starts afresh.</summary>
    public void Forget(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        lock (_gate)
        {
            _lastSigned.Remove(sessionId);
        }
    }

    /// <summary>How many sessions are remembered (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lastSigned.Count;
            }
        }
    }

    private bool Expired(DateTimeOffset last, DateTimeOffset now) => now - last >= options.Value.SigningSessionIdle;
}
