using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace CleanroomMonitor.Service.Security;

/// <summary>Authorization policies by what a role may do.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Review = "review";
    public const string Administer = "administer";

    /// <summary>Taking a sensor out of service and back: the engineers who maintain instruments (Operator) and the
    /// facility's administrators.</summary>
    public const string Maintain = "maintain";

    /// <summary>Entering the calibration register (asset data, calibrations, moves; docs/instruments.md "Calibration register"):
    /// the engineers who maintain instruments (Operator) and QA. Not Admin: a calibration record is a GMP record, and
    /// administrators do not make those (separation of duties).</summary>
    public const string Calibrate = "calibrate";

    /// <summary>Uploading an OQ run's report (docs/security.md "OQ runs"): Operator, QA or Admin of the facility itself (an
    /// account or token with a tenant is refused). Uploading is not a signature, so API tokens may do it.</summary>
    public const string Qualify = "qualify";

    /// <summary>Reading what only the facility's own staff may see (the installation's host, paths and configuration files,
    /// GET /api/about): any role, but no account or token with a tenant.</summary>
    public const string Staff = "staff";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == ClaimNames.Tenant)));
        options.AddPolicy(Operate, p => p.RequireRole(nameof(Role.Operator), nameof(Role.QA)));
        options.AddPolicy(Review, p => p.RequireRole(nameof(Role.QA)));
        options.AddPolicy(Calibrate, p => p.RequireRole(nameof(Role.Operator), nameof(Role.QA)));
        options.AddPolicy(Maintain, p => p.RequireRole(nameof(Role.Operator), nameof(Role.Admin)));
        options.AddPolicy(Qualify, p => p.RequireRole(nameof(Role.Operator), nameof(Role.QA), nameof(Role.Admin))
            .RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == ClaimNames.Tenant)));
        // Administration is the facility's own: a tenant's account holding Admin would otherwise see and change every
        // other tenant's users, tokens and leases.
        options.AddPolicy(Administer, p => p.RequireRole(nameof(Role.Admin)).RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == ClaimNames.Tenant)));
    }
}
