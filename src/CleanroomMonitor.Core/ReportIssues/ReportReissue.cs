using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>QA's signed request for a new version of an issued batch report: why the issued one no longer stands (a late
/// excursion closure, a correction). It opens <paramref name="Version"/> for review and approval; the versions before
/// stay issued and retrievable.</summary>
public sealed record ReportReissue(string Batch, int Version, string Reason, Signature Signature);
