using System.Threading.Channels;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Conditions of the monitoring system itself (durable buffer filling, a write failing), set by whoever sees
/// them and turned into System excursions by <see cref="SystemWatch"/>. Only changes are passed on.</summary>
public sealed class SystemConditions
{
    private readonly Dictionary<string, bool> _state = [];
    private readonly Lock _gate = new();
    private readonly Channel<SystemCondition> _changes = Channel.CreateUnbounded<SystemCondition>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SystemCondition> Changes => _changes.Reader;

    public bool IsActive(string name)
    {
        lock (_gate)
        {
            return _state.GetValueOrDefault(name);
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
        }
        _changes.Writer.TryWrite(new SystemCondition(name, active, level, detail, at));   // unbounded: never fails while open
    }
}

/// <summary>A system condition turning on or off.</summary>
public sealed record SystemCondition(string Name, bool Active, LimitLevel Level, string Detail, DateTimeOffset At);
