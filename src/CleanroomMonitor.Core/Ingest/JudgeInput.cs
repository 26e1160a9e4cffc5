using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>One input of the excursion engine, in the order it was given: an accepted reading (from the ingest pump), a
/// source health event (from a source), or a command (a person's action, a batch request, a system condition). One
/// channel carries all three, so the engine has one input and sees them in the order they happened.</summary>
public readonly record struct JudgeInput
{
    private JudgeInput(Reading? reading, SourceEvent? sourceEvent, JudgeCommand? command)
    {
        Reading = reading;
        SourceEvent = sourceEvent;
        Command = command;
    }

    public Reading? Reading { get; }

    public SourceEvent? SourceEvent { get; }

    public JudgeCommand? Command { get; }

    public static JudgeInput Of(Reading reading) => new(reading ?? throw new ArgumentNullException(nameof(reading)), null, null);

    public static JudgeInput Of(SourceEvent sourceEvent) => new(null, sourceEvent ?? throw new ArgumentNullException(nameof(sourceEvent)), null);

    public static JudgeInput Of(JudgeCommand command) => new(null, null, command ?? throw new ArgumentNullException(nameof(command)));
}
