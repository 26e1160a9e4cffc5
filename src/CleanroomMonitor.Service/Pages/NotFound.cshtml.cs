using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The page of a 404 (re-executed by <see cref="CleanroomPages.UseNotFoundPage"/>): the site layout with its
/// navigation, and a way back to the list the missing record would be in. The status stays 404.</summary>
public sealed class NotFoundModel : PageModel
{
    private static readonly (string Prefix, string Back, string Label)[] Lists =
    [
        ("/excursions", "/excursions", "the excursions"), ("/batches", "/batches", "the batches"), ("/rooms", "/rooms", "the rooms"),
        ("/reports", "/reports", "the reports"), ("/qualification", "/qualification", "the qualification runs"), ("/admin", "/admin/users", "administration"),
    ];

    public string Path { get; private set; } = "";

    /// <summary>The status of the original response: 404, or another error status a page answered without a body.</summary>
    public int Status { get; private set; } = StatusCodes.Status404NotFound;

    public string Back { get; private set; } = "/";

    public string BackLabel { get; private set; } = "the live board";

    public void OnGet()
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Path = original?.OriginalPath ?? Request.Path.Value ?? "";
        Status = original?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        if (Lists.FirstOrDefault(l => Path.StartsWith(l.Prefix, StringComparison.OrdinalIgnoreCase)) is { Prefix: not null } list)
        {
            (Back, BackLabel) = (list.Back, list.Label);
        }
        Response.StatusCode = Status;
    }
}
