namespace CleanroomMonitor.Core.Facility;

/// <summary>One step of the pressure cascade: the differential-pressure sensor <see cref="Sensor"/> measures its room
/// against a reference room, and by design air flows from <see cref="Higher"/> to <see cref="Lower"/>.
/// <see cref="Sign"/> converts the sensor's value (its room minus the reference) into the difference along that
/// direction: +1 when the sensor's room is the higher one, −1 when the reference is, 0 when the design names no
/// direction (rooms of the same grade without a configured sign; <see cref="Higher"/> is then the sensor's room).</summary>
public sealed record CascadeLink(SensorId Sensor, RoomId Higher, RoomId Lower, int Sign)
{
    public bool HasDesignedDirection => Sign != 0;

    /// <summary>The pressure difference in the designed direction: positive while the cascade holds, negative when it is reversed.</summary>
    public double AlongCascade(double sensorValue) => Sign == 0 ? sensorValue : sensorValue * Sign;
}
