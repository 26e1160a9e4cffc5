namespace CleanroomMonitor.Core.Configuration;

/// <summary>One problem in a configuration file, stated so an engineer can fix it without reading code:
/// which file, where in it, what it holds, and what was expected.</summary>
public sealed record ConfigError(string File, string Path, string? Value, string Expected)
{
    public override string ToString() =>
        Value is null ? $"{File}: {Path}: expected {Expected}" : $"{File}: {Path} = '{Value}': expected {Expected}";
}
