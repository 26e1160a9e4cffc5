namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The dashboard's <c>templating</c> object.</summary>
public sealed record Templating(IReadOnlyList<TemplateVariable> List);
