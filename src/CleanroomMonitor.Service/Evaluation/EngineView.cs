using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>The engine's state as it last published it (<see cref="TrackerView"/>), readable from any thread: the
/// ingest pump flags stored readings out of service with it; the live board, the pages and the API show it. Readers
/// never queue work into the engine, so a slow page cannot delay judging.</summary>
public sealed class EngineView(FacilityDefinition facility)
{
    private volatile TrackerView _current = TrackerView.Empty(new LimitBook(facility));

    public TrackerView Current => _current;

    internal void Publish(TrackerView view) => _current = view;
}
