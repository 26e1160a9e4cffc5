namespace CleanroomMonitor.Service.Reports;

/// <summary>Chromium could not print the report (it failed, timed out, or wrote no PDF).</summary>
public sealed class ReportPdfException(string message, Exception? inner = null) : Exception(message, inner);
