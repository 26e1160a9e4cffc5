using System.Security.Cryptography;
using System.Text;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.Security;

/// <summary>The headers every response carries so a browser refuses what the pages never do (issue 19 item 9): no
/// framing (clickjacking of the signing forms), no content-type guessing, and a Content-Security-Policy that allows
/// scripts and styles from the service itself only. The pages have no inline script; the one inline style block (the
/// batch report, which is also downloaded as a self-contained file) is allowed by its hash, not by 'unsafe-inline'.</summary>
public static class BrowserHeaders
{
    /// <summary>The policy sent with every response.</summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'self'; script-src 'self'; style-src 'self' '" + HashOf(BatchReportHtml.Styles) + "'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers as each response starts, before static files, pages and the API write anything.</summary>
    public static IApplicationBuilder UseBrowserSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            // A response that set a policy of its own keeps it: only ever a stricter one (a stored OQ report is served
            // with no script at all, QualificationEndpoints.ReportPolicy).
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            headers.XFrameOptions = "DENY";   // antiforgery's SAMEORIGIN is suppressed (SecurityExtensions): nothing frames these pages
            headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static string HashOf(string inlineContent) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineContent)));
}
