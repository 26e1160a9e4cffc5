namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The dashboard's <c>annotations</c> object.</summary>
public sealed record AnnotationList(IReadOnlyList<Annotation> List);
