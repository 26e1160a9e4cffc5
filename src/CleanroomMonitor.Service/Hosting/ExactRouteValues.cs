using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>Route values exactly as the client escaped them. Kestrel decodes every escape in the path but %2F (an
/// escaped "/" must not split a segment), so a batch number "LOT 2026/014", sent as LOT%202026%2F014, reached the
/// handlers as "LOT 2026%2F014" and was not found; and "50%2F" (sent as 50%252F) became indistinguishable from
/// "50/". This takes each whole-segment route parameter from the raw request target and unescapes it once, for the
/// pages and the API alike.</summary>
public static class ExactRouteValues
{
    /// <summary>After routing: replaces whole-segment parameters of the matched route by their exact unescaped value.</summary>
    public static IApplicationBuilder UseExactRouteValues(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint
            && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw
            && raw.Contains('%', StringComparison.Ordinal))
        {
            Restore(endpoint.RoutePattern, raw, context.Request.PathBase, context.Request.RouteValues);
        }
        return next(context);
    });

    /// <summary>Sets each whole-segment, non-catch-all parameter of <paramref name="pattern"/> from the matching segment
    /// of <paramref name="rawTarget"/>; does nothing when the segments do not line up (the route matched otherwise).</summary>
    public static void Restore(RoutePattern pattern, string rawTarget, PathString pathBase, RouteValueDictionary values)
    {
        var path = rawTarget.Split('?', 2)[0];
        if (!path.StartsWith('/'))
        {
            return;   // absolute-form or asterisk-form targets: leave routing's values alone
        }
        var segments = path[1..].Split('/');
        var skip = pathBase.HasValue ? pathBase.Value!.Trim('/').Split('/').Length : 0;
        if (segments.Length > skip + pattern.PathSegments.Count && segments[^1].Length == 0)
        {
            segments = segments[..^1];   // a trailing slash
        }
        if (segments.Length - skip != pattern.PathSegments.Count)
        {
            return;
        }
        for (var i = 0; i < pattern.PathSegments.Count; i++)
        {
            if (pattern.PathSegments[i].Parts is [RoutePatternParameterPart { IsCatchAll: false } parameter] && values.ContainsKey(parameter.Name))
            {
                values[parameter.Name] = Uri.UnescapeDataString(segments[skip + i]);
            }
        }
    }
}
