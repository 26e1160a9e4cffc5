namespace CleanroomMonitor.Service.LimitChanges;

public static class LimitChangeServiceCollectionExtensions
{
    /// <summary>Limit changes under change control: the site's options, the shared <see cref="LimitChanging"/>, its replay evidence (<see cref="LimitChangeReplays"/>, which needs <c>AddLimitReplay</c>), and the
    /// start-up check of the facility file's named author. Call after <c>AddRecordStore</c>, so the check runs once the
    /// record store is open and before the engine records the limits.</summary>
    public static IServiceCollection AddLimitChanges(this IServiceCollection services)
    {
        services.AddOptions<LimitChangeOptions>().BindConfiguration(LimitChangeOptions.SectionName).ValidateOnStart();
        services.AddOptions<FacilityFileChangeOptions>().BindConfiguration(FacilityFileChangeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<LimitChanging>();
        services.AddSingleton<LimitChangeReplays>();
        services.AddSingleton<AlertProposalEvidence>();
        services.AddHostedService<FacilityChangeCheck>();
        return services;
    }
}
