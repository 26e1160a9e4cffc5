using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

public static class SecurityExtensions
{
    /// <summary>The scheme that picks the token handler for <c>Authorization: Bearer</c> requests and the cookie otherwise.</summary>
    public const string Scheme = "CleanroomMonitor";

    /// <summary>Sign-in (cookie for people, bearer tokens for machines), role policies, accounts and the security alert.
    /// API requests without valid credentials get 401 (not a redirect), without the role 403.</summary>
    public static IServiceCollection AddCleanroomSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsRules>());
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<SigningSessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SecurityAlerts>();
        services.AddSingleton<TenantScopes>();
        // One key ring for every instance (in PostgreSQL with the records, else beside the SQLite file): a cookie or
        // antiforgery token issued by one instance is read by all, and survives a restart (docs/scale-out.md).
        services.AddDataProtection().SetApplicationName(KeyRingSetup.ApplicationName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, KeyRingSetup>());
        services.AddHostedService<KeyRingAnnouncement>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "cookie or token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? ApiTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "cleanroom.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
                // Every request, not only sign-in: a disabled or locked account, or one whose password changed, loses its sessions at once.
                o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.SessionTimeout);
        services.AddAuthorization(Policies.Add);
        // X-Frame-Options comes from BrowserHeaders (DENY) for every response, not SAMEORIGIN on form pages only.
        services.AddAntiforgery(o => { o.HeaderName = "X-CSRF-TOKEN"; o.SuppressXFrameOptionsHeader = true; });
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(p => p.Parsed() is not null, $"{ProxyOptions.SectionName}:KnownProxies must list IP addresses only")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            if (proxy.Value.Parsed() is [_, ..] known)
            {
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                foreach (var address in known)
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        return services;
    }

    /// <summary>Cookie-authenticated changes through the JSON API must carry the antiforgery token in a header (the pages
    /// send it); bearer-token clients are not exposed to CSRF and need none.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var unsafeMethod = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (unsafeMethod && context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/auth/login")
            && context.Request.Cookies.ContainsKey("cleanroom.session")
            && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { title = "missing or invalid antiforgery token (header X-CSRF-TOKEN)" }, context.RequestAborted);
                return;
            }
        }
        await next(context);
    });

    /// <summary>While the password must be changed (set by an admin, or expired), the session may only change it, ask who
    /// it is and sign out: the API answers 403 with the reason, pages go to the password page.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(ClaimNames.PasswordChangeDue, "true")
            && !path.StartsWithSegments("/api/auth") && !path.StartsWithSegments(PasswordPage) && !path.StartsWithSegments("/login")
            && !path.StartsWithSegments("/logout") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz"))
        {
            if (path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { title = "password change required: POST /api/auth/password {\"currentPassword\",\"newPassword\"} first" },
                    context.RequestAborted);
            }
            else
            {
                context.Response.Redirect(PasswordPage + "?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            }
            return;
        }
        await next(context);
    });

    /// <summary>The page where people change their own password.</summary>
    public const string PasswordPage = "/account/password";

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
