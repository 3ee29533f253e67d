package io.updraft.anonymizer.internal;

import java.math.BigDecimal;

/**
 * Snaps coordinates to the center of a grid cell. Latitude bands are {@code size} degrees high; each band is
 * cut into a whole number of equal longitude cells at least {@code size} degrees of the equator wide on the
 * ground, so cells do not shrink to a few meters towards the poles, and the cells of a band meet exactly at
 * the antimeridian. Near a pole a band is a single cell, reported at longitude 0.
 */
final class GeoGrid {
    private final double size;
    private final int bands;
    private final double scale;

    /** @throws IllegalArgumentException naming the text when it is not a number in (0, 180] */
    static GeoGrid parse(String text) {
        BigDecimal size;
        try {
            size = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid size '" + text + "' is not a number of degrees", e);
        }
        if (size.signum() <= 0 || size.compareTo(BigDecimal.valueOf(180)) > 0) {
            throw new IllegalArgumentException("grid size '" + text + "' must be greater than 0 and at most 180 degrees");
        }
        return new GeoGrid(size);
    }

    private GeoGrid(BigDecimal size) {
        this.size = size.doubleValue();
        this.bands = (int) Math.ceil(180 / this.size);
        // Centers are reported with a few more decimals than the grid has: enough to name the cell, no more.
        int decimals = Math.min(12, Math.max(0, size.stripTrailingZeros().scale()) + 3);
        this.scale = Math.pow(10, decimals);
    }

    double size() {
        return size;
    }

    /** {latitude, longitude} of the center of the cell holding the point, or null for an impossible point. */
    double[] snap(double lat, double lon) {
        if (!Double.isFinite(lat) || !Double.isFinite(lon) || lat < -90 || lat > 90) {
            return null;
        }
        int band = Math.min(bands - 1, (int) Math.floor((lat + 90) / size));
        double south = -90 + band * size;
        double north = Math.min(90, south + size);
        double latCenter = (south + north) / 2;
        // At least as wide on the ground as the band is high even at its poleward edge, where it is narrowest.
        double narrowest = Math.cos(Math.toRadians(Math.max(Math.abs(south), Math.abs(north))));
        int cells = (int) Math.max(1, Math.floor(360 * narrowest / size));
        double width = 360.0 / cells;
        double normalized = ((lon + 180) % 360 + 360) % 360;
        int cell = Math.min(cells - 1, (int) Math.floor(normalized / width));
        double lonCenter = cells == 1 ? 0 : -180 + (cell + 0.5) * width;
        return new double[] {round(latCenter), round(lonCenter)};
    }

    private double round(double v) {
        return Math.round(v * scale) / scale;
    }
}
