using Microsoft.Extensions.DependencyInjection.Extensions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Mqtt.Sparkplug;
using CleanroomMonitor.Mqtt.Subscribing;
using CleanroomMonitor.Service.AlertLevels;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Calibration;
using CleanroomMonitor.Service.Cluster;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Ingest;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Service.Notifications.Watchdog;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Service.Pages;
using CleanroomMonitor.Service.Qualification;
using CleanroomMonitor.Service.Replay;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.TrendReports;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.Storage.Records;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Hosting;

public static class CleanroomMonitorHostExtensions
{
    /// <summary>Registers the whole service: the facility (loaded and validated now, so a bad file stops start-up
    /// before anything connects), the ingest pipeline, InfluxDB storage and the MQTT source.</summary>
    /// <exception cref="CleanroomMonitor.Core.Configuration.ConfigurationException">The facility file is invalid.</exception>
    public static WebApplicationBuilder AddCleanroomMonitor(this WebApplicationBuilder builder)
    {
        var facilityFile = builder.Configuration["Facility:File"] is { Length: > 0 } file
            ? Path.GetFullPath(file)   // relative paths are relative to the working directory, as on any command line
            : throw new CleanroomMonitor.Core.Configuration.ConfigurationException(
                [new("configuration", "Facility:File", null, "the path of the facility definition file (appsettings.json or CLEANROOM_Facility__File)")]);
        var facility = FacilityReader.Load(facilityFile);
        // Hashed as read at start-up: GET /api/about states which configuration this installation runs (issue 24).
        var configurationFiles = InstallationIdentity.Files(builder.Configuration, facilityFile);

        var services = builder.Services;
        services.AddSingleton(facility);
        services.AddSingleton(TimeProvider.System);
        // Made when the host starts (StartupReport needs it), so StartedAt is the service's start.
        services.AddSingleton(sp => InstallationIdentity.Of(facility, configurationFiles, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoomActivityOptions>().BindConfiguration(RoomActivityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PipelineChannels>();
        services.AddSingleton<IngestStatistics>();
        services.AddSingleton(sp => new SampleNormalizer(facility, sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<LatestValues>();
        services.AddSingleton(new PressureDifferences(facility));
        services.AddSingleton(sp => new DuplicateGuard(sp.GetRequiredService<IOptions<IngestOptions>>().Value.DuplicateWindow));
        services.AddSingleton<ReadingPoints>();
        // The API speaks the same JSON as the records: enums by name, ids as plain strings.
        services.ConfigureHttpJsonOptions(json =>
        {
            // Escape <, >, & and quotes in every JSON answer: a comment holding markup stays inert wherever it lands.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
            foreach (var converter in RecordJson.Options.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        services.AddHealthChecks()
            .AddCheck<InfluxHealthCheck>("influx", tags: ["ready"])
            .AddCheck<EngineHealthCheck>("engine", tags: ["ready"]);
        services.AddCleanroomObservability();   // secrets from files, /metrics, host clock, device clock skew, alert latency
        services.AddRecordStore();
        services.AddCluster(builder.Configuration, facility);   // partition leases (docs/scale-out.md); registered early, so released last
        services.AddCleanroomSecurity();
        services.AddCleanroomPages();
        services.AddCleanroomOpenApi();
        services.AddBatchReports();
        services.AddLimitChanges();   // limit changes under change control (docs/gmp.md); after the record store, before the engine
        services.AddTrendReports();
        services.AddLimitReplay();   // limit proposals replayed over stored history (docs/excursions.md)
        services.AddSingleton<QualificationRuns>();   // OQ runs as signed records (docs/security.md "OQ runs")
        services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Webhook headers may carry a site's credentials: the factory's logging would hand their raw values to log sinks.
        services.AddHttpClient(nameof(WebhookNotifier)).RemoveAllLoggers();
        services.TryAddSingleton<CleanroomMonitor.Service.Recording.AuditRoles>();   // who is recorded with which role (docs/security.md)
        services.AddSingleton<CleanroomMonitor.Service.Recording.Recorder>();
        services.AddSingleton<ExcursionEngine>();
        services.AddSingleton<SystemConditions>();
        services.AddSingleton<ISequenceSeedSource, SequenceSeeds>();
        services.AddSingleton<InstantSeeds>();
        services.AddSingleton<EngineView>();
        services.AddOptions<SystemWatchOptions>().BindConfiguration(SystemWatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookNotifier>();
        services.AddSingleton<IExcursionNotifier, MqttAlertNotifier>();
        services.AddSingleton<InfluxEventNotifier>();
        services.AddSingleton<IExcursionNotifier>(sp => sp.GetRequiredService<InfluxEventNotifier>());
        services.AddSingleton<IExcursionNotifier>(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddPeopleNotifications(builder.Configuration, facility);   // email, SMS and voice to rosters, with escalation

        // Hosted services stop in reverse order of registration: the storage end first here so it stops last,
        // and the sources last so they stop first and everything already received drains through.
        services.AddInfluxStorage();
        services.AddHostedService<BufferStage>();
        services.AddHostedService(sp => sp.GetRequiredService<InfluxEventNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<ExcursionEngine>());
        services.AddHostedService<SystemWatch>();
        services.AddHostedService<AuditWatch>();
        services.AddCalibrationRegister();   // after the engine, before the ingest pump: readings meet the register (docs/instruments.md)
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddPeopleNotificationWorkers();
        services.AddHostedService<IngestPump>();
        services.AddHostedService<CleanroomMonitor.Service.Mes.MesBatchMessages>();   // MES batch messages: authenticated, then as the API
        services.AddHostedService<RoomActivityLog>();
        services.AddMqttSource();
        services.AddSparkplugSource(facility);
        services.AddModbusSource();
        services.AddServiceWatchdog();   // the HTTP heartbeat to a watchdog, and the retained MQTT status with its will
        // A counter's record cursor belongs with the durable buffer it counts as stored in: wiping one wipes the other.
        services.AddOptions<ModbusOptions>().PostConfigure<IOptions<DurableBufferOptions>>((modbus, buffer) =>
            modbus.CursorFile ??= Path.Combine(buffer.Value.Path, "modbus-cursors.json"));
        services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>Maps the health endpoints and the API.</summary>
    public static WebApplication MapCleanroomMonitor(this WebApplication app)
    {
        // First: the scheme the browser used (behind the TLS proxy) decides the cookie's Secure flag, and every response,
        // static files included, carries the browser security headers.
        app.UseForwardedHeaders();
        app.UseBrowserSecurityHeaders();
        app.UseCleanroomStaticFiles();
        app.UseNotFoundPage();
        // Explicit, after the 404 page: its re-executed request is routed again; then the exact values of escaped segments.
        app.UseRouting();
        app.UseExactRouteValues();
        app.UseAuthentication();
        app.UseDisplayGate();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapCleanroomObservability();
        app.MapIngestEndpoints();
        app.MapReadingEndpoints();
        app.MapCalibrationEndpoints();
        app.MapBatchEndpoints();
        app.MapExcursionEndpoints();
        app.MapRoomEndpoints();
        app.MapAlertProposalEndpoints();
        app.MapOutOfServiceEndpoints();
        app.MapReplayEndpoints();
        app.MapAuditEndpoints();
        app.MapAuthEndpoints();
        app.MapAdminEndpoints();
        app.MapNotificationEndpoints();
        app.MapLiveEndpoints();
        app.MapDisplayEndpoints();
        app.MapAboutEndpoints();
        app.MapOpenApi(OpenApiDocument.Path).RequireAuthorization(Policies.Read);
        app.MapRazorPages();
        app.MapReportEndpoints();
        app.MapBreachReviewEndpoints();
        app.MapReportIssueEndpoints();
        app.MapLimitChangeEndpoints();
        app.MapTrendReportEndpoints();
        app.MapQualificationEndpoints();
        return app;
    }
}
