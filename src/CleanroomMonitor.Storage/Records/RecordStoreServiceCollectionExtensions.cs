using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Core.Trends;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Registration of the record store, in SQLite or PostgreSQL as <c>Records:Provider</c> says.</summary>
public static class RecordStoreServiceCollectionExtensions
{
    /// <summary>Adds the <c>Records</c> options (validated at start-up), <see cref="IRecordStore"/> as a
    /// <see cref="RecordStore"/> singleton (on the engine <see cref="RecordsOptions.Provider"/> names: the file at
    /// <c>Records:Path</c>, or the PostgreSQL database of <c>Records:ConnectionString</c>), and a hosted service that calls
    /// <see cref="IRecordStore.InitializeAsync"/> at start-up. Calling it twice registers everything once.</summary>
    public static IServiceCollection AddRecordStore(this IServiceCollection services)
    {
        services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordsOptions>, RecordsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordsOptions>, RecordsOptionsRules>());
        services.TryAddSingleton<RecordStore>();
        services.TryAddSingleton<IRecordStore>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<IUserStore>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<INotificationRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<IQualificationRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<IReportIssueRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<ILimitChangeRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<ITrendReviewRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddSingleton<ICalibrationRecords>(provider => provider.GetRequiredService<RecordStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RecordStoreInitializer>());
        return services;
    }
}
