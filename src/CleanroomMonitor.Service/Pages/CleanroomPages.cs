using CleanroomMonitor.Service.AlertLevels;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The web interface: Razor Pages for people (every page needs a sign-in), the live board's data, and the
/// static files (CSS, a little JavaScript) embedded in this assembly, so the service serves them from wherever it
/// runs without a wwwroot folder beside it.</summary>
public static class CleanroomPages
{
    /// <summary>The pages a wall display may show: the live board and the floor plan.</summary>
    public static readonly IReadOnlyList<string> DisplayPages = ["/Index", "/FloorPlan"];

    public static IServiceCollection AddCleanroomPages(this IServiceCollection services)
    {
        services.AddSingleton<ExcursionReview>();
        services.AddSingleton<BatchControl>();
        services.AddSingleton<RoomWindows>();
        services.AddSingleton<OutOfServiceControl>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<LiveBoard>();
        services.AddTransient<Trends>();
        services.AddTransient<ReadingHistory>();
        services.AddAlertProposals();
        services.AddSingleton<SiteClock>().AddOptions<TimeDisplayOptions>().BindConfiguration(TimeDisplayOptions.SectionName).ValidateOnStart();
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", Policies.Read);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
                o.Conventions.AllowAnonymousToPage("/Login");
                o.Conventions.AllowAnonymousToPage("/Denied");
                o.Conventions.AllowAnonymousToPage("/NotFound");   // an unknown address says so before and after sign-in
                // A wall display (DisplaySessions) may show these pages and nothing else; by page name, so the floor plan
                // is open to displays from the moment the page exists.
                foreach (var page in DisplayPages)
                {
                    o.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(DisplayAccess.Allowed));
                }
            })
            // The pages are compiled into this assembly; the entry assembly is a test host in the tests, so say where they are.
            .ConfigureApplicationPartManager(parts =>
            {
                var assembly = typeof(CleanroomPages).Assembly;
                if (!parts.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
        return services;
    }

    /// <summary>A GET of a page that answers 404 (or another error) without a body gets the site's page for it, with
    /// the layout and navigation, instead of the browser's bare error page; the status stays. The API (/api/*) keeps its
    /// own answers. Before authentication, so the re-executed request knows who is signed in.</summary>
    public static IApplicationBuilder UseNotFoundPage(this IApplicationBuilder app) => app.UseWhen(
        context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"),
        branch => branch.UseStatusCodePagesWithReExecute("/not-found"));

    /// <summary>Serves /static/* from the embedded wwwroot files (public: the login page needs its stylesheet).</summary>
    public static IApplicationBuilder UseCleanroomStaticFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new EmbeddedFileProvider(typeof(CleanroomPages).Assembly, "CleanroomMonitor.Service.wwwroot"),
        RequestPath = "/static",
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
    });
}
