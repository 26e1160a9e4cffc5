using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Reports;

/// <summary>The printable batch EM report (/reports/batch/{number}): the same content as the PDF, inside the site
/// layout, with a print stylesheet. Another tenant's batch is "not found".</summary>
[Authorize(Policy = Policies.Read)]
public sealed class BatchModel(TenantScopes scopes, IRecordStore records, BatchReportBuilder builder, FacilityDefinition facility) : PageModel
{
    public BatchReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public TimeZoneInfo SiteZone => facility.Site.TimeZone;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await ReportEndpoints.FindAsync(number, User, scopes, records, cancellationToken) is not { } batch)
        {
            return NotFound();
        }
        try
        {
            Report = await builder.BuildAsync(batch, User.Identity?.Name ?? "unknown", cancellationToken);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            Problem = $"The report's figures could not be read from InfluxDB: {ex.Message}";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        return Page();
    }
}
