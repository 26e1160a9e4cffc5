using System.Security.Claims;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Service.Calibration;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class CalibrationEndpoints
{
    /// <summary>The calibration register (docs/instruments.md "Calibration register"): list and detail for any role (a
    /// tenant sees the instruments of the rooms it rents now), entries by the engineers and QA (<see cref="Policies.Calibrate"/>),
    /// each attributed to the signed-in principal, through <see cref="CalibrationRegister"/>.</summary>
    public static IEndpointRouteBuilder MapCalibrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instruments").WithTags("Instruments").RequireAuthorization(Policies.Read);
        group.MapGet("/", async (ClaimsPrincipal user, CalibrationRegister register, CancellationToken ct) => TypedResults.Ok(await register.ListAsync(user, ct)));
        group.MapGet("/{sensor}", async Task<Results<Ok<InstrumentDetail>, NotFound>> (string sensor, ClaimsPrincipal user, CalibrationRegister register,
            CancellationToken ct) => await register.FindAsync(sensor, user, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound());
        group.MapPut("/{sensor}/asset", SaveAssetAsync).RequireAuthorization(Policies.Calibrate);
        group.MapPost("/{sensor}/calibrations", RecordCalibrationAsync).RequireAuthorization(Policies.Calibrate);
        group.MapPost("/{sensor}/relocations", RelocateAsync).RequireAuthorization(Policies.Calibrate);
        return app;
    }

    private static async Task<Results<Ok<InstrumentAsset>, ProblemHttpResult>> SaveAssetAsync(string sensor, AssetRequest request, ClaimsPrincipal user,
        CalibrationRegister register, CancellationToken ct)
    {
        var outcome = await register.SaveAssetAsync(sensor, request, user, ct);
        return outcome.Value is { } asset ? TypedResults.Ok(asset) : outcome.ToProblem();
    }

    private static async Task<Results<Created<CalibrationRecord>, ProblemHttpResult>> RecordCalibrationAsync(string sensor, CalibrationRequest request,
        ClaimsPrincipal user, CalibrationRegister register, CancellationToken ct)
    {
        var outcome = await register.RecordCalibrationAsync(sensor, request, user, ct);
        return outcome.Value is { } calibration ? TypedResults.Created($"/api/instruments/{Uri.EscapeDataString(sensor)}", calibration) : outcome.ToProblem();
    }

    private static async Task<Results<Created<InstrumentRelocation>, ProblemHttpResult>> RelocateAsync(string sensor, RelocationRequest request,
        ClaimsPrincipal user, CalibrationRegister register, CancellationToken ct)
    {
        var outcome = await register.RelocateAsync(sensor, request, user, ct);
        return outcome.Value is { } move ? TypedResults.Created($"/api/instruments/{Uri.EscapeDataString(sensor)}", move) : outcome.ToProblem();
    }
}
