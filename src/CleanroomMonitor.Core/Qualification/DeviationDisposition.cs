using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Qualification;

/// <summary>QA's signed disposition of one deviation of a run: what was decided and, for a failed row, the passing
/// re-test run that covers it (or "no re-test: &lt;reason&gt;"). Written once, never changed.</summary>
public sealed record DeviationDisposition(string RunId, string Number, string Text, string? RetestRun, Signature Signature);
