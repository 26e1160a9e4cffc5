using CleanroomMonitor.Service.Calibration;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Instruments;

/// <summary>The calibration register: every instrument the user may see, by due date, with its state in words and colour.</summary>
public sealed class IndexModel(CalibrationRegister register) : PageModel
{
    public IReadOnlyList<InstrumentView> Instruments { get; private set; } = [];

    public int WarningDays => (int)register.WarningBefore.TotalDays;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Instruments = await register.ListAsync(User, cancellationToken);
}
