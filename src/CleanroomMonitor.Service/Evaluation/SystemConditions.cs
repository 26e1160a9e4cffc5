using System.Threading.Channels;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Conditions of the monitoring system itself (durable buffer filling, a write failing, the audit trail not
/// verifying), set by whoever sees them and turned into System excursions by <see cref="SystemWatch"/>. Only changes
/// are passed on, and the queue of changes not yet taken is bounded by the conditions themselves.</summary>
/// <remarks>A condition that flickers while the reader is busy must still be seen: a period that came and went is
/// passed on as its start and its end, never dropped. Flicker beyond that is merged into the period already queued (an
/// off followed by an on while both wait becomes one longer period), so each name holds at most three queued changes
/// and a setter never blocks.</remarks>
public sealed class SystemConditions
{
    private readonly Dictionary<string, bool> _state = [];
    private readonly List<SystemCondition> _pending = [];
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool IsActive(string name)
    {
        lock (_gate)
        {
            return _state.GetValueOrDefault(name);
        }
    }

    /// <summary>The names of the conditions active now, in order.</summary>
    public IReadOnlyList<string> ActiveNames()
    {
        lock (_gate)
        {
            return [.. _state.Where(s => s.Value).Select(s => s.Key).Order(StringComparer.Ordinal)];
        }
    }

    public void Set(string name, bool active, LimitLevel level, string detail, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_state.GetValueOrDefault(name) == active)
            {
                return;
            }
            _state[name] = active;
            var last = _pending.FindLastIndex(c => c.Name == name);
            if (active && last > 0 && !_pending[last].Active && _pending.FindLastIndex(last - 1, c => c.Name == name) >= 0)
            {
                // It ended and starts again before either was taken: the queued period simply goes on.
                _pending.RemoveAt(last);
            }
            else
            {
                _pending.Add(new SystemCondition(name, active, level, detail, at));
            }
        }
        _wake.Writer.TryWrite(true);
    }

    /// <summary>The changes in the order they happened, as they come; one reader.</summary>
    public async IAsyncEnumerable<SystemCondition> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var taken = new List<SystemCondition>();
        while (await _wake.Reader.WaitToReadAsync(cancellationToken))
        {
            _wake.Reader.TryRead(out _);
            lock (_gate)
            {
                taken.AddRange(_pending);
                _pending.Clear();
            }
            foreach (var change in taken)
            {
                yield return change;
            }
            taken.Clear();
        }
    }
}

/// <summary>A system condition turning on or off.</summary>
public sealed record SystemCondition(string Name, bool Active, LimitLevel Level, string Detail, DateTimeOffset At);
