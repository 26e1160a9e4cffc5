namespace CleanroomMonitor.Service.TrendReports;

public static class TrendReportServiceCollectionExtensions
{
    /// <summary>The room trend report: the sample reader, the builder, the request checks and the QA review. Uses the batch
    /// report's PDF printer (<see cref="Reports.ChromiumPdf"/>).</summary>
    public static IServiceCollection AddTrendReports(this IServiceCollection services)
    {
        services.AddSingleton<TrendSamples>();
        services.AddSingleton<TrendReportBuilder>();
        services.AddSingleton<TrendReportAccess>();
        services.AddSingleton<TrendReviewing>();
        return services;
    }
}
