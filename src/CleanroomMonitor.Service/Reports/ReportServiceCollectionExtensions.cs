namespace CleanroomMonitor.Service.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>The batch EM report: options (section <c>Reports</c>), the hourly roll-ups and the InfluxDB aggregation, the builder and the PDF printer.</summary>
    public static IServiceCollection AddBatchReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HourlyRollups>();
        services.AddHostedService(sp => sp.GetRequiredService<HourlyRollups>());
        services.AddSingleton<ReadingAggregates>();
        services.AddSingleton<ReportFigures>();
        services.AddSingleton<BatchReportBuilder>();
        services.AddSingleton<BreachReviewSigning>();
        services.AddSingleton<ChromiumPdf>();
        services.AddSingleton<ReportIssuing>();
        return services;
    }
}
