using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Audit;

/// <summary>The audit trail: search and filter, CSV export of what is filtered, and the hash-chain check that names
/// the first bad entry. Tenant users see the same cut as GET /api/audit.</summary>
public sealed class IndexModel(IRecordStore records, IUserStore users, TenantScopes scopes, SiteClock clock) : PageModel
{
    /// <summary>The page shows the newest entries up to this many; the CSV export has them all.</summary>
    public const int PageRows = 500;

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AuditRecord> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public AuditVerification? Verification { get; private set; }

    private Dictionary<string, User> _usersById = [];

    private Dictionary<string, User> _usersByName = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await FilteredAsync(cancellationToken);
        Total = rows.Count;
        Rows = rows.AsEnumerable().Reverse().Take(PageRows).ToList();
        var accounts = await users.UsersAsync(cancellationToken);
        _usersById = accounts.ToDictionary(u => u.Id.ToString("D"), StringComparer.OrdinalIgnoreCase);
        _usersByName = accounts.ToDictionary(u => u.UserName, StringComparer.Ordinal);
    }

    /// <summary>The person an account entry (sign-in, failure, lockout, change) is filed under: entries keep the
    /// account's id, which never changes, but a reader looks for the person.</summary>
    public string? PersonOf(AuditEntry entry) =>
        entry.EntityType == AuditEntity.User && _usersById.TryGetValue(entry.EntityId, out var user) ? $"{user.PrintedName} ({user.UserName})" : null;

    /// <summary>The role as recorded, by its readable name. Entries of people's actions written before roles were
    /// recorded with them say only "user": those show the person's roles now, marked so.</summary>
    public string RoleOf(AuditEntry entry) =>
        entry.Role == "user" && _usersByName.TryGetValue(entry.User, out var user) ? RoleNames.Display(user.Roles) + " (role now)" : RoleNames.Display(entry.Role);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await records.VerifyAuditTrailAsync(cancellationToken);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("sequence,at_utc,at_site,user,role,action,entity_type,entity_id,reason,old_value,new_value,hash\r\n");
        foreach (var row in await FilteredAsync(cancellationToken))
        {
            var e = row.Entry;
            csv.AppendJoin(',', new[]
            {
                row.Sequence.ToString(CultureInfo.InvariantCulture), SiteClock.Iso(e.At), clock.Local(e.At), e.User, e.Role, e.Action, e.EntityType, e.EntityId,
                e.Reason, e.OldValue, e.NewValue, row.Hash,
            }.Select(Cell)).Append("\r\n");
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-trail-{clock.Now.UtcDateTime:yyyyMMdd-HHmmss}.csv");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);
    }

    private async Task<IReadOnlyList<AuditRecord>> FilteredAsync(CancellationToken cancellationToken)
    {
        var trail = await AuditEndpoints.VisibleTrailAsync(string.IsNullOrWhiteSpace(Entity) ? null : Entity.Trim(),
            From is { } from ? clock.StartOfSiteDay(from) : null, To is { } to ? clock.StartOfSiteDay(to.AddDays(1)) : null, User, scopes, records, cancellationToken);
        return trail.Where(r =>
                (string.IsNullOrWhiteSpace(Action) || r.Entry.Action.Contains(Action.Trim(), StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrWhiteSpace(UserName) || r.Entry.User.Equals(UserName.Trim(), StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrWhiteSpace(Q) || Matches(r.Entry, Q.Trim())))
            .ToList();
    }

    private static bool Matches(AuditEntry e, string text) =>
        new[] { e.User, e.Action, e.EntityType, e.EntityId, e.Reason, e.OldValue, e.NewValue }.Any(v => v?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>RFC 4180 quoting; a cell starting with = + - @ gets a leading apostrophe so a spreadsheet does not run it as a formula.</summary>
    private static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
