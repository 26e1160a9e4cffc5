using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Qualification;

namespace CleanroomMonitor.Service.Qualification;

/// <summary>Checks an upload field by field and turns it into the run to store, or names the first problem (400).</summary>
public static partial class QualificationUploadValidation
{
    public const int MaxRunIdLength = 100;
    public const int MaxTextLength = 200;
    public const int MaxDetailLength = 4000;
    public const int MaxItems = 1000;

    /// <summary>Each report file: 10 million characters (the kit's reports are tens of kilobytes; the request as a whole
    /// stays under Kestrel's 30 MB body limit).</summary>
    public const int MaxReportLength = 10_000_000;

    public static QualificationRun? Validate(QualificationUploadRequest? request, DateTimeOffset uploadedAt, string uploadedBy, out string? error)
    {
        error = request is null ? "the body must be a JSON object" : Check(request);
        if (error is not null)
        {
            return null;
        }
        var r = request!;
        return new QualificationRun(r.RunId!, r.Protocol!, r.ProtocolVersion!, r.Site!, r.FacilityVersion!, r.InstallationVersion, r.Modified,
            r.StartedAt!.Value.ToUniversalTime(), r.FinishedAt!.Value.ToUniversalTime(), r.Passed!.Value, r.Stopped!.Value, r.Rows!.Value, r.RowsPassed!.Value,
            r.Scenarios!.Select(s => s!).ToList(), string.IsNullOrEmpty(r.RetestOf) ? null : r.RetestOf,
            r.Deviations!.Select(d => new QualificationDeviation(d!.Number!, d.Kind!, NullIfEmpty(d.Requirement), NullIfEmpty(d.Scenario), d.Detail!)).ToList(),
            r.ReportSha256!.ToLowerInvariant(), uploadedAt, uploadedBy);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Check(QualificationUploadRequest r)
    {
        if (string.IsNullOrEmpty(r.RunId) || r.RunId.Length > MaxRunIdLength || !RunIdPattern().IsMatch(r.RunId))
        {
            return $"runId is required: 1-{MaxRunIdLength} characters, letters, digits and . _ : - (starting with a letter or digit)";
        }
        var text = Required("protocol", r.Protocol) ?? Required("protocolVersion", r.ProtocolVersion) ?? Required("site", r.Site)
            ?? Required("facilityVersion", r.FacilityVersion)
            ?? (r.InstallationVersion is { Length: > MaxTextLength } ? $"installationVersion may have at most {MaxTextLength} characters" : null);
        if (text is not null)
        {
            return text;
        }
        if (r.StartedAt is not { } started || r.FinishedAt is not { } finished)
        {
            return "startedAt and finishedAt are required (ISO-8601 with offset)";
        }
        if (finished < started)
        {
            return $"finishedAt {finished:o} is before startedAt {started:o}";
        }
        if (r.Passed is null || r.Stopped is null)
        {
            return "passed and stopped are required (true or false)";
        }
        if (r.Rows is not { } rows || r.RowsPassed is not { } rowsPassed || rows < 0 || rowsPassed < 0 || rowsPassed > rows)
        {
            return "rows and rowsPassed are required, with 0 <= rowsPassed <= rows";
        }
        if (r.Scenarios is not { } scenarios || scenarios.Count > MaxItems || scenarios.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxTextLength))
        {
            return $"scenarios is required: a list of at most {MaxItems} names of 1-{MaxTextLength} characters";
        }
        if (r.RetestOf is { Length: > 0 } retestOf && (retestOf == r.RunId || retestOf.Length > MaxRunIdLength))
        {
            return "retestOf names another run";
        }
        if (CheckDeviations(r.Deviations) is { } deviationError)
        {
            return deviationError;
        }
        if (string.IsNullOrEmpty(r.ReportHtml) || r.ReportHtml.Length > MaxReportLength)
        {
            return $"reportHtml is required (1-{MaxReportLength} characters)";
        }
        if (r.ReportCsv is null || r.ReportCsv.Length > MaxReportLength)
        {
            return $"reportCsv is required (at most {MaxReportLength} characters)";
        }
        if (r.ReportSha256 is null || !Sha256Pattern().IsMatch(r.ReportSha256))
        {
            return "reportSha256 is required: 64 hexadecimal digits";
        }
        var actual = Sha256Of(r.ReportHtml);
        return string.Equals(actual, r.ReportSha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"reportSha256 {r.ReportSha256.ToLowerInvariant()} does not match the SHA-256 of the UTF-8 reportHtml received ({actual}): the report was changed or cut on the way";
    }

    private static string? CheckDeviations(IReadOnlyList<DeviationUpload?>? deviations)
    {
        if (deviations is null || deviations.Count > MaxItems)
        {
            return $"deviations is required: a list (empty when there are none) of at most {MaxItems}";
        }
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deviations.Count; i++)
        {
            var d = deviations[i];
            var problem = d is null ? "is missing"
                : string.IsNullOrWhiteSpace(d.Number) || d.Number.Length > 50 ? "needs a number of 1-50 characters"
                : !numbers.Add(d.Number) ? $"repeats number {d.Number}: deviation numbers are unique within a run"
                : d.Kind is null || !QualificationDeviation.Kinds.Contains(d.Kind, StringComparer.Ordinal) ? $"has kind '{d.Kind}', not one of: {string.Join(", ", QualificationDeviation.Kinds)}"
                : d.Requirement is { Length: > MaxTextLength } || d.Scenario is { Length: > MaxTextLength } ? $"has a requirement or scenario longer than {MaxTextLength} characters"
                : string.IsNullOrWhiteSpace(d.Detail) || d.Detail.Length > MaxDetailLength ? $"needs a detail of 1-{MaxDetailLength} characters"
                : null;
            if (problem is not null)
            {
                return $"deviations[{i}] {problem}";
            }
        }
        return null;
    }

    private static string? Required(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxTextLength ? $"{name} is required (1-{MaxTextLength} characters)" : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
