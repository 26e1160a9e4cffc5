using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Qualification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Qualification;

/// <summary>One OQ run: its metadata, links to the stored report and the PDF, its deviations with the disposition forms
/// (QA), the three signature slots with the form for the next one, and its status. The forms go through
/// <see cref="QualificationRuns"/>, the same code as the JSON API, so the rules and the signature are checked again on
/// every POST.</summary>
public sealed class RunModel(QualificationRuns runs) : PageModel
{
    public QualificationRunView View { get; private set; } = null!;

    /// <summary>The meaning of the next signature, when the signed-in person holds a role that may give it.</summary>
    public string? NextMeaning { get; private set; }

    public bool CanDisposition { get; private set; }

    /// <summary>This session's next signature needs the user id too (as on the excursion page).</summary>
    public bool UserIdRequired { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public QualificationSignInput Sign { get; set; } = new();

    [BindProperty]
    public DispositionInput Disposition { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string runId, CancellationToken cancellationToken) =>
        await LoadAsync(runId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(string runId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await runs.SignAsync(runId, new QualificationSignRequest(Sign.Meaning, Sign.UserName, Sign.Password, Sign.Comment), User, cancellationToken);
        return await AfterAsync(runId, refusal, $"Signed '{Sign.Meaning}'.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDispositionAsync(string runId, CancellationToken cancellationToken)
    {
        var (_, refusal) = await runs.DispositionAsync(runId, Disposition.Number ?? "",
            new DispositionRequest(Disposition.Text, Disposition.RetestRun, Disposition.UserName, Disposition.Password), User, cancellationToken);
        return await AfterAsync(runId, refusal, $"Deviation {Disposition.Number} dispositioned and signed.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string runId, QualificationRefusal? refusal, string notice, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(runId, cancellationToken))
        {
            return NotFound();
        }
        if (refusal is null)
        {
            Notice = notice;
            return RedirectToPage(new { runId });   // post-redirect-get: a reload does not sign twice
        }
        Error = refusal.Message;
        Response.StatusCode = QualificationEndpoints.StatusOf(refusal.Failure);
        Sign.Password = null;
        Disposition.Password = null;
        return Page();
    }

    private async Task<bool> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId, User, cancellationToken) is not { } view)
        {
            return false;
        }
        View = view;
        var roles = Enum.GetValues<Role>().Where(r => User.IsInRole(r.ToString())).ToArray();
        var next = QualificationRules.Meanings.FirstOrDefault(m => view.Signatures.All(s => s.Signature.Meaning != m));
        NextMeaning = next is not null && QualificationRules.RoleFor(next, roles) is not null ? next : null;
        CanDisposition = roles.Contains(Role.QA) && view.Stage != QualificationStage.Approved && view.OpenDeviations > 0;
        UserIdRequired = runs.UserIdRequired(User);
        return true;
    }
}

public sealed class QualificationSignInput
{
    public string? Meaning { get; set; }

    /// <summary>The user id: required on the session's first signature (<see cref="RunModel.UserIdRequired"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Comment { get; set; }
}

public sealed class DispositionInput
{
    public string? Number { get; set; }

    public string? Text { get; set; }

    public string? RetestRun { get; set; }

    /// <summary>The user id: required on the session's first signature (<see cref="RunModel.UserIdRequired"/>).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
