namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A template variable's selected value (<c>current</c>) or one of its options.</summary>
public sealed record VariableOption(string Text, string Value, bool Selected)
{
    /// <summary>"All" of a multi-value variable with <c>includeAll</c>.</summary>
    public static VariableOption All { get; } = new("All", "$__all", true);
}
