// Generated from stdlib-configs/ by Tests/StdlibTests/BundledStdlibTests.swift; do not edit.
// After changing a config there, regenerate with: UPDATE_GOLDEN=1 swift test --filter StdlibTests

/// The standard pipelines, sorted by name, compiled into the binary so that
/// `stdlib:NAME` and `pipec new NAME` need no files at run time.
let bundledStdlibConfigs: [StdlibConfig] = [
  StdlibConfig(
    name: "centernet_resnet50_v1_fpn_512x512",
    text: #"""
# CenterNet ResNet-50 v1 FPN 512x512: "Objects as Points" (Zhou et al.,
# https://arxiv.org/abs/1904.07850), with no anchors and no NMS. Each object is
# the peak of a per-class centre heatmap, with its size and a sub-pixel offset
# regressed at that point, on stride-4 features of a ResNet-50 v1 pyramid.
#
# Input: 512x512; the longer side is scaled to 512 and the image padded square.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# centernet_resnet50_v1_fpn_512x512_kpts_coco17_tpu-8.config, the zoo's
# ResNet-50 v1 FPN CenterNet, with its human-pose keypoint task left out (and
# so the keypoint flip permutation and keypoint metrics): boxes only. The batch
# size of 128 is global, over 8 TPU cores; on one GPU divide it and the
# learning rates by the same factor.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new centernet_resnet50_v1_fpn_512x512 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  center_net {
    num_classes: 90
    feature_extractor {
      type: "resnet_v1_50_fpn"
    }
    image_resizer {
      keep_aspect_ratio_resizer {
        min_dimension: 512
        max_dimension: 512
        pad_to_max_dimension: true
      }
    }
    # Box size and centre offset, regressed with an L1 loss at each centre.
    object_detection_task {
      task_loss_weight: 1.0
      offset_loss_weight: 1.0
      scale_loss_weight: 0.1
      localization_loss {
        l1_localization_loss {
        }
      }
    }
    # The centre heatmap: a Gaussian per object, learnt with CornerNet's
    # penalty-reduced focal loss.
    object_center_params {
      object_center_loss_weight: 1.0
      classification_loss {
        penalty_reduced_logistic_focal_loss {
          alpha: 2.0
          beta: 4.0
        }
      }
      min_box_overlap_iou: 0.7
      max_box_predictions: 100
    }
  }
}
train_config {
  batch_size: 128
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    random_crop_image {
      min_aspect_ratio: 0.5
      max_aspect_ratio: 1.7
      random_coef: 0.25
    }
  }
  data_augmentation_options {
    random_adjust_hue {
    }
  }
  data_augmentation_options {
    random_adjust_contrast {
    }
  }
  data_augmentation_options {
    random_adjust_saturation {
    }
  }
  data_augmentation_options {
    random_adjust_brightness {
    }
  }
  data_augmentation_options {
    random_absolute_pad_image {
      max_height_padding: 200
      max_width_padding: 200
      pad_color: 0
      pad_color: 0
      pad_color: 0
    }
  }
  optimizer {
    # Adam with cosine decay from 0.001, after a 5000-step linear warm-up.
    adam_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.001
          total_steps: 250000
          warmup_learning_rate: 0.00025
          warmup_steps: 5000
        }
      }
      # Keras' Adam default; the proto's default is 1e-8.
      epsilon: 1e-07
    }
    use_moving_average: false
  }
  # An ImageNet-trained ResNet-50 v1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/resnet50_v1/ckpt-1"
  num_steps: 250000
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  batch_size: 1
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "faster_rcnn_resnet101_v1_1024x1024",
    text: #"""
# Faster R-CNN ResNet-101 v1 1024x1024: a two-stage detector at high
# resolution, with a long schedule. A region proposal network on ResNet-101's
# stride-16 features proposes 300 boxes; each is cropped
# (14x14, max-pooled to 7x7) and classified by the second stage.
#
# Input: 1024x1024, resized without keeping the aspect ratio.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# faster_rcnn_resnet101_v1_1024x1024_coco17_tpu-8.config (37.1 COCO mAP). The
# batch size of 64 is global, over 8 TPU cores; on one GPU divide it and the
# learning rates by the same factor. use_bfloat16 only works on TPUs: set it to
# false elsewhere.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new faster_rcnn_resnet101_v1_1024x1024 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  faster_rcnn {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 1024
        width: 1024
      }
    }
    feature_extractor {
      type: "faster_rcnn_resnet101_keras"
      batch_norm_trainable: true
    }
    # First stage: 4 scales x 3 aspect ratios = 12 anchors every 16 pixels.
    first_stage_anchor_generator {
      grid_anchor_generator {
        scales: 0.25
        scales: 0.5
        scales: 1.0
        scales: 2.0
        aspect_ratios: 0.5
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        height_stride: 16
        width_stride: 16
      }
    }
    first_stage_box_predictor_conv_hyperparams {
      op: CONV
      regularizer {
        l2_regularizer {
          weight: 0.0
        }
      }
      initializer {
        truncated_normal_initializer {
          stddev: 0.01
        }
      }
    }
    first_stage_nms_score_threshold: 0.0
    first_stage_nms_iou_threshold: 0.7
    first_stage_max_proposals: 300
    first_stage_localization_loss_weight: 2.0
    first_stage_objectness_loss_weight: 1.0
    initial_crop_size: 14
    maxpool_kernel_size: 2
    maxpool_stride: 2
    second_stage_box_predictor {
      mask_rcnn_box_predictor {
        fc_hyperparams {
          op: FC
          regularizer {
            l2_regularizer {
              weight: 0.0
            }
          }
          initializer {
            variance_scaling_initializer {
              factor: 1.0
              uniform: true
              mode: FAN_AVG
            }
          }
        }
        use_dropout: false
        # One box per proposal, whatever the class.
        share_box_across_classes: true
      }
    }
    second_stage_post_processing {
      batch_non_max_suppression {
        score_threshold: 0.0
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 300
      }
      score_converter: SOFTMAX
    }
    second_stage_localization_loss_weight: 2.0
    second_stage_classification_loss_weight: 1.0
    # Static shapes and matrix-multiply crops and gathers: what TPUs need.
    use_static_shapes: true
    use_matmul_crop_and_resize: true
    clip_anchors_to_image: true
    use_static_balanced_label_sampler: true
    use_matmul_gather_in_matcher: true
  }
}
train_config {
  batch_size: 64
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  # Colour jitter, then a square crop of 0.6x to 1.3x the image side.
  data_augmentation_options {
    random_adjust_hue {
    }
  }
  data_augmentation_options {
    random_adjust_contrast {
    }
  }
  data_augmentation_options {
    random_adjust_saturation {
    }
  }
  data_augmentation_options {
    random_square_crop_by_scale {
      scale_min: 0.6
      scale_max: 1.3
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.04 over the whole run, after a 2000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.04
          total_steps: 100000
          warmup_learning_rate: 0.013333
          warmup_steps: 2000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained ResNet-101 v1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/resnet101_v1/ckpt-1"
  num_steps: 100000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  use_bfloat16: true
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  batch_size: 1
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "faster_rcnn_resnet50_v1_640x640",
    text: #"""
# Faster R-CNN ResNet-50 v1 640x640: a two-stage detector. A region proposal
# network on ResNet-50's stride-16 features proposes 300 boxes; each is cropped
# (14x14, max-pooled to 7x7) and classified by the second stage.
#
# Input: 640x640; the longer side is scaled to 640 and the image padded square.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# faster_rcnn_resnet50_v1_640x640_coco17_tpu-8.config (29.3 COCO mAP). The
# batch size of 64 is global, over 8 TPU cores; on one GPU divide it and the
# learning rates by the same factor. use_bfloat16 only works on TPUs: set it to
# false elsewhere.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new faster_rcnn_resnet50_v1_640x640 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  faster_rcnn {
    num_classes: 90
    image_resizer {
      keep_aspect_ratio_resizer {
        min_dimension: 640
        max_dimension: 640
        pad_to_max_dimension: true
      }
    }
    feature_extractor {
      type: "faster_rcnn_resnet50_keras"
      batch_norm_trainable: true
    }
    # First stage: 4 scales x 3 aspect ratios = 12 anchors every 16 pixels.
    first_stage_anchor_generator {
      grid_anchor_generator {
        scales: 0.25
        scales: 0.5
        scales: 1.0
        scales: 2.0
        aspect_ratios: 0.5
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        height_stride: 16
        width_stride: 16
      }
    }
    first_stage_box_predictor_conv_hyperparams {
      op: CONV
      regularizer {
        l2_regularizer {
          weight: 0.0
        }
      }
      initializer {
        truncated_normal_initializer {
          stddev: 0.01
        }
      }
    }
    first_stage_nms_score_threshold: 0.0
    first_stage_nms_iou_threshold: 0.7
    first_stage_max_proposals: 300
    first_stage_localization_loss_weight: 2.0
    first_stage_objectness_loss_weight: 1.0
    initial_crop_size: 14
    maxpool_kernel_size: 2
    maxpool_stride: 2
    second_stage_box_predictor {
      mask_rcnn_box_predictor {
        fc_hyperparams {
          op: FC
          regularizer {
            l2_regularizer {
              weight: 0.0
            }
          }
          initializer {
            variance_scaling_initializer {
              factor: 1.0
              uniform: true
              mode: FAN_AVG
            }
          }
        }
        use_dropout: false
        # One box per proposal, whatever the class.
        share_box_across_classes: true
      }
    }
    second_stage_post_processing {
      batch_non_max_suppression {
        score_threshold: 0.0
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 300
      }
      score_converter: SOFTMAX
    }
    second_stage_localization_loss_weight: 2.0
    second_stage_classification_loss_weight: 1.0
    # Static shapes and matrix-multiply crops and gathers: what TPUs need.
    use_static_shapes: true
    use_matmul_crop_and_resize: true
    clip_anchors_to_image: true
    use_static_balanced_label_sampler: true
    use_matmul_gather_in_matcher: true
  }
}
train_config {
  batch_size: 64
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.04 over the whole run, after a 2000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.04
          total_steps: 25000
          warmup_learning_rate: 0.013333
          warmup_steps: 2000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained ResNet-50 v1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/resnet50_v1/ckpt-1"
  num_steps: 25000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  use_bfloat16: true
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  batch_size: 1
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "pipec_tiny_ssd_128x128",
    text: #"""
# pipec's tiny SSD 128x128: the project's own small detector, sized to train on
# a CPU in minutes. A MobileNet v2 backbone at a 0.35 width multiplier with
# 3 anchors at every location and 3x3 box and class heads, after the reference
# network RefSSD-MNv2-0.35 that pipec's runtime is benchmarked on.
#
# Input: 128x128, resized without keeping the aspect ratio.
#
# Numbers from: pipec itself (not the model zoo). The network follows the
# reference network's definition (depth multiplier 0.35, minimum depth 16,
# batch norm decay 0.9997 and epsilon 0.001, ReLU6, L2 weight 4e-05,
# momentum 0.9, base learning rate 0.01); the rest follows the zoo's SSD
# MobileNet v2. The schedule is short, 2000 steps of 16 images, for a small
# dataset; it starts from random weights, so there is no fine_tune_checkpoint.
#
# The reference network predicts from two feature maps; TensorFlow's
# ssd_mobilenet_v2_keras extractor always builds six, so this config has six
# anchor layers and TensorFlow accepts it as it is.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (3 here)
#   PATH_TO_BE_CONFIGURED/...    the label map and the TFRecords
# or let pipec do it:
#   pipec new pipec_tiny_ssd_128x128 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 3
    image_resizer {
      fixed_shape_resizer {
        height: 128
        width: 128
      }
    }
    feature_extractor {
      type: "ssd_mobilenet_v2_keras"
      depth_multiplier: 0.35
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.9997
          center: true
          scale: true
          epsilon: 0.001
          train: true
        }
      }
      override_base_feature_extractor_hyperparams: true
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    # The heads are plain 3x3 convolutions with a bias: no batch norm, no activation.
    box_predictor {
      convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: NONE
        }
        min_depth: 0
        max_depth: 0
        num_layers_before_predictor: 0
        use_dropout: false
        kernel_size: 3
        box_code_size: 4
        apply_sigmoid_to_scores: false
      }
    }
    # Two layers of 3 anchors each: aspect ratios 1, 2 and 1/2, without the
    # interpolated extra scale and without the reduced set on the lowest layer.
    anchor_generator {
      ssd_anchor_generator {
        num_layers: 6
        min_scale: 0.2
        max_scale: 0.95
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        interpolated_scale_aspect_ratio: 0.0
        reduce_boxes_in_lowest_layer: false
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
          delta: 1.0
        }
      }
      classification_loss {
        weighted_sigmoid {
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
  }
}
train_config {
  batch_size: 16
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  optimizer {
    # Cosine decay from 0.01 over the run, after a 100-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.01
          total_steps: 2000
          warmup_learning_rate: 0.001
          warmup_steps: 100
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  num_steps: 2000
  unpad_groundtruth_tensors: false
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_efficientdet_d0_512x512",
    text: #"""
# EfficientDet D0 512x512: an EfficientNet-B0 backbone with a bidirectional
# feature pyramid (BiFPN: levels 3 to 7, 3 rounds, 64 channels), one depthwise
# box predictor shared by every level, swish activations and focal loss.
#
# Input: 512x512; the longer side is scaled to 512 and the image padded square.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_efficientdet_d0_512x512_coco17_tpu-8.config (EfficientDet, Tan et al.,
# https://arxiv.org/abs/1911.09070). The batch size of 128 is global, over 8
# TPU cores; on one GPU divide it and the learning rates by the same factor.
# use_bfloat16 only works on TPUs: set it to false elsewhere.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_efficientdet_d0_512x512 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      keep_aspect_ratio_resizer {
        min_dimension: 512
        max_dimension: 512
        pad_to_max_dimension: true
      }
    }
    feature_extractor {
      type: "ssd_efficientnet-b0_bifpn_keras"
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: SWISH
        batch_norm {
          decay: 0.99
          scale: true
          epsilon: 0.001
        }
        force_use_bias: true
      }
      bifpn {
        min_level: 3
        max_level: 7
        num_iterations: 3
        num_filters: 64
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    box_predictor {
      weight_shared_convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: SWISH
          batch_norm {
            decay: 0.99
            scale: true
            epsilon: 0.001
          }
          force_use_bias: true
        }
        num_layers_before_predictor: 3
        depth: 64
        kernel_size: 3
        class_prediction_bias_init: -4.6
        use_depthwise: true
      }
    }
    # Per level: 3 scales per octave x 3 aspect ratios = 9 anchors, sized
    # 4 x the level's stride.
    anchor_generator {
      multiscale_anchor_generator {
        min_level: 3
        max_level: 7
        anchor_scale: 4.0
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        scales_per_octave: 3
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.5
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 1.5
          alpha: 0.25
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
    # Sigmoid scores over the real classes only: no background column.
    add_background_class: false
  }
}
train_config {
  batch_size: 128
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  # Scale jitter: zoom by 0.1x to 2x, then crop or pad to the input size.
  data_augmentation_options {
    random_scale_crop_and_pad_to_square {
      output_size: 512
      scale_min: 0.1
      scale_max: 2.0
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.08 over the whole run, after a 2500-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.08
          total_steps: 300000
          warmup_learning_rate: 0.001
          warmup_steps: 2500
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained EfficientNet-B0 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/efficientnet_b0/ckpt-0"
  num_steps: 300000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  use_bfloat16: true
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  batch_size: 1
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_efficientdet_d1_640x640",
    text: #"""
# EfficientDet D1 640x640: an EfficientNet-B1 backbone with a bidirectional
# feature pyramid (BiFPN: levels 3 to 7, 4 rounds, 88 channels), one depthwise
# box predictor shared by every level, swish activations and focal loss.
#
# Input: 640x640; the longer side is scaled to 640 and the image padded square.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_efficientdet_d1_640x640_coco17_tpu-8.config (EfficientDet, Tan et al.,
# https://arxiv.org/abs/1911.09070). The batch size of 128 is global, over 8
# TPU cores; on one GPU divide it and the learning rates by the same factor.
# use_bfloat16 only works on TPUs: set it to false elsewhere.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_efficientdet_d1_640x640 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      keep_aspect_ratio_resizer {
        min_dimension: 640
        max_dimension: 640
        pad_to_max_dimension: true
      }
    }
    feature_extractor {
      type: "ssd_efficientnet-b1_bifpn_keras"
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: SWISH
        batch_norm {
          decay: 0.99
          scale: true
          epsilon: 0.001
        }
        force_use_bias: true
      }
      bifpn {
        min_level: 3
        max_level: 7
        num_iterations: 4
        num_filters: 88
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    box_predictor {
      weight_shared_convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: SWISH
          batch_norm {
            decay: 0.99
            scale: true
            epsilon: 0.001
          }
          force_use_bias: true
        }
        num_layers_before_predictor: 3
        depth: 88
        kernel_size: 3
        class_prediction_bias_init: -4.6
        use_depthwise: true
      }
    }
    # Per level: 3 scales per octave x 3 aspect ratios = 9 anchors, sized
    # 4 x the level's stride.
    anchor_generator {
      multiscale_anchor_generator {
        min_level: 3
        max_level: 7
        anchor_scale: 4.0
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        scales_per_octave: 3
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.5
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 1.5
          alpha: 0.25
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
    # Sigmoid scores over the real classes only: no background column.
    add_background_class: false
  }
}
train_config {
  batch_size: 128
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  # Scale jitter: zoom by 0.1x to 2x, then crop or pad to the input size.
  data_augmentation_options {
    random_scale_crop_and_pad_to_square {
      output_size: 640
      scale_min: 0.1
      scale_max: 2.0
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.08 over the whole run, after a 2500-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.08
          total_steps: 300000
          warmup_learning_rate: 0.001
          warmup_steps: 2500
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained EfficientNet-B1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/efficientnet_b1/ckpt-0"
  num_steps: 300000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  use_bfloat16: true
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  batch_size: 1
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_mobilenet_v1_300x300",
    text: #"""
# SSD MobileNet v1 300x300: the original SSD MobileNet, a MobileNet v1 backbone
# with six SSD feature maps, sigmoid classification and hard example mining.
#
# Input: 300x300, resized without keeping the aspect ratio.
#
# Numbers from: tensorflow/models, research/object_detection/samples/configs/
# ssd_mobilenet_v1_coco.config, the TF1 sample (the TF2 zoo has no FPN-less
# MobileNet v1 SSD). What differs from it is for TF2: the Keras feature
# extractor (ssd_mobilenet_v1_keras), a V2 classification checkpoint instead of
# the TF1 detection one (from_detection_checkpoint), COCO metrics and one pass
# over the eval set in place of the TF1 evaluator's max_evals.
#
# Two deliberate changes. RMSProp decay is 0 (see the comment there). And the
# sample's exponential decay has decay_steps 800720,
# beyond num_steps 200000, so with staircase decay its rate stays 0.004 for the
# whole run (the mistake pipec's lint rules exist to catch). Here decay_steps
# is 20000: ten decays by 0.95, ending the run at about 0.0024.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_mobilenet_v1_300x300 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 300
        width: 300
      }
    }
    feature_extractor {
      type: "ssd_mobilenet_v1_keras"
      depth_multiplier: 1.0
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.9997
          center: true
          scale: true
          epsilon: 0.001
          train: true
        }
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    box_predictor {
      convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            truncated_normal_initializer {
              mean: 0.0
              stddev: 0.03
            }
          }
          activation: RELU_6
          batch_norm {
            decay: 0.9997
            center: true
            scale: true
            epsilon: 0.001
            train: true
          }
        }
        min_depth: 0
        max_depth: 0
        num_layers_before_predictor: 0
        use_dropout: false
        kernel_size: 1
        box_code_size: 4
        apply_sigmoid_to_scores: false
      }
    }
    # Six feature maps, scales 0.2 to 0.95; the lowest map gets only three boxes.
    anchor_generator {
      ssd_anchor_generator {
        num_layers: 6
        min_scale: 0.2
        max_scale: 0.95
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        aspect_ratios: 3.0
        aspect_ratios: 0.3333
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      classification_loss {
        weighted_sigmoid {
        }
      }
      # Keeps at most 3 negatives per positive, the hardest ones by
      # classification loss (SSD paper, section 2.2).
      hard_example_miner {
        num_hard_examples: 3000
        iou_threshold: 0.99
        loss_type: CLASSIFICATION
        max_negatives_per_positive: 3
        min_negatives_per_image: 0
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
  }
}
train_config {
  batch_size: 24
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    ssd_random_crop {
    }
  }
  optimizer {
    rms_prop_optimizer {
      learning_rate {
        exponential_decay_learning_rate {
          initial_learning_rate: 0.004
          decay_steps: 20000
          decay_factor: 0.95
        }
      }
      momentum_optimizer_value: 0.9
      # TF1's decay 0.9 is RMSProp's rho. TF2 passes this field to Keras as
      # learning-rate decay (lr / (1 + decay * step)), so it is 0 here; Keras's
      # own rho is 0.9, which keeps TF1's behaviour.
      decay: 0.0
      epsilon: 1.0
    }
  }
  # An ImageNet-trained MobileNet v1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/mobilenet_v1/ckpt-1"
  num_steps: 200000
  fine_tune_checkpoint_type: "classification"
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  num_readers: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_mobilenet_v2_320x320",
    text: #"""
# SSD MobileNet v2 320x320: the TF2 model zoo's smallest SSD, a MobileNet v2
# backbone with six SSD feature maps and a 1x1 convolutional box predictor.
#
# Input: the zoo calls this model 320x320, but its config resizes every image to
# 300x300 (kept here, so that its COCO checkpoint and these numbers agree).
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_mobilenet_v2_320x320_coco17_tpu-8.config (22.2 COCO mAP). The batch size
# of 512 is global, over 8 TPU cores; on one GPU divide it and the learning
# rates by the same factor.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_mobilenet_v2_320x320 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 300
        width: 300
      }
    }
    feature_extractor {
      type: "ssd_mobilenet_v2_keras"
      depth_multiplier: 1.0
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.97
          center: true
          scale: true
          epsilon: 0.001
          train: true
        }
      }
      # Use the hyperparameters above for the backbone too, not Keras' own.
      override_base_feature_extractor_hyperparams: true
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    box_predictor {
      convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: RELU_6
          batch_norm {
            decay: 0.97
            center: true
            scale: true
            epsilon: 0.001
            train: true
          }
        }
        min_depth: 0
        max_depth: 0
        num_layers_before_predictor: 0
        use_dropout: false
        kernel_size: 1
        box_code_size: 4
        apply_sigmoid_to_scores: false
        # Starts every class score near sigmoid(-4.6) = 0.01, as focal loss expects.
        class_prediction_bias_init: -4.6
      }
    }
    # Six feature maps, scales 0.2 to 0.95; the lowest map gets only three boxes.
    anchor_generator {
      ssd_anchor_generator {
        num_layers: 6
        min_scale: 0.2
        max_scale: 0.95
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        aspect_ratios: 3.0
        aspect_ratios: 0.3333
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
          delta: 1.0
        }
      }
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 2.0
          alpha: 0.75
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
  }
}
train_config {
  batch_size: 512
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    ssd_random_crop {
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.08 over the whole run, after a 2000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.08
          total_steps: 50000
          warmup_learning_rate: 0.013333
          warmup_steps: 2000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained MobileNet v2 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/mobilenet_v2/ckpt-1"
  num_steps: 50000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_mobilenet_v2_fpnlite_320x320",
    text: #"""
# SSD MobileNet v2 FPN-lite 320x320: a mobile RetinaNet. A MobileNet v2
# backbone with a light feature pyramid (levels 3 to 7, depthwise convolutions,
# 128 channels), one box predictor shared by every level, and focal loss.
#
# Input: 320x320, resized without keeping the aspect ratio.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_mobilenet_v2_fpnlite_320x320_coco17_tpu-8.config (22.2 COCO mAP). The
# batch size of 128 is global, over 8 TPU cores; on one GPU divide it and the
# learning rates by the same factor.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_mobilenet_v2_fpnlite_320x320 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 320
        width: 320
      }
    }
    feature_extractor {
      type: "ssd_mobilenet_v2_fpn_keras"
      depth_multiplier: 1.0
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          random_normal_initializer {
            mean: 0.0
            stddev: 0.01
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.997
          scale: true
          epsilon: 0.001
        }
      }
      override_base_feature_extractor_hyperparams: true
      # "Lite": depthwise separable convolutions in the pyramid.
      use_depthwise: true
      fpn {
        min_level: 3
        max_level: 7
        additional_layer_depth: 128
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    # One predictor tower, run on every pyramid level with the same weights.
    box_predictor {
      weight_shared_convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: RELU_6
          batch_norm {
            decay: 0.997
            scale: true
            epsilon: 0.001
          }
        }
        num_layers_before_predictor: 4
        depth: 128
        kernel_size: 3
        class_prediction_bias_init: -4.6
        share_prediction_tower: true
        use_depthwise: true
      }
    }
    # Per level: 2 scales per octave x 3 aspect ratios = 6 anchors, sized
    # 4 x the level's stride.
    anchor_generator {
      multiscale_anchor_generator {
        min_level: 3
        max_level: 7
        anchor_scale: 4.0
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        scales_per_octave: 2
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      # RetinaNet's focal loss (Lin et al., 2017).
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 2.0
          alpha: 0.25
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
  }
}
train_config {
  batch_size: 128
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    random_crop_image {
      min_object_covered: 0.0
      min_aspect_ratio: 0.75
      max_aspect_ratio: 3.0
      min_area: 0.75
      max_area: 1.0
      overlap_thresh: 0.0
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.08 over the whole run, after a 1000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.08
          total_steps: 50000
          warmup_learning_rate: 0.026666
          warmup_steps: 1000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained MobileNet v2 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/mobilenet_v2/ckpt-1"
  num_steps: 50000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_mobilenet_v2_fpnlite_640x640",
    text: #"""
# SSD MobileNet v2 FPN-lite 640x640: a mobile RetinaNet. A MobileNet v2
# backbone with a light feature pyramid (levels 3 to 7, depthwise convolutions,
# 128 channels), one box predictor shared by every level, and focal loss.
#
# Input: 640x640, resized without keeping the aspect ratio.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_mobilenet_v2_fpnlite_640x640_coco17_tpu-8.config (28.2 COCO mAP). The
# batch size of 128 is global, over 8 TPU cores; on one GPU divide it and the
# learning rates by the same factor.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_mobilenet_v2_fpnlite_640x640 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 640
        width: 640
      }
    }
    feature_extractor {
      type: "ssd_mobilenet_v2_fpn_keras"
      depth_multiplier: 1.0
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 4e-05
          }
        }
        initializer {
          random_normal_initializer {
            mean: 0.0
            stddev: 0.01
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.997
          scale: true
          epsilon: 0.001
        }
      }
      override_base_feature_extractor_hyperparams: true
      # "Lite": depthwise separable convolutions in the pyramid.
      use_depthwise: true
      fpn {
        min_level: 3
        max_level: 7
        additional_layer_depth: 128
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    # One predictor tower, run on every pyramid level with the same weights.
    box_predictor {
      weight_shared_convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 4e-05
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: RELU_6
          batch_norm {
            decay: 0.997
            scale: true
            epsilon: 0.001
          }
        }
        num_layers_before_predictor: 4
        depth: 128
        kernel_size: 3
        class_prediction_bias_init: -4.6
        share_prediction_tower: true
        use_depthwise: true
      }
    }
    # Per level: 2 scales per octave x 3 aspect ratios = 6 anchors, sized
    # 4 x the level's stride.
    anchor_generator {
      multiscale_anchor_generator {
        min_level: 3
        max_level: 7
        anchor_scale: 4.0
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        scales_per_octave: 2
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      # RetinaNet's focal loss (Lin et al., 2017).
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 2.0
          alpha: 0.25
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
  }
}
train_config {
  batch_size: 128
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    random_crop_image {
      min_object_covered: 0.0
      min_aspect_ratio: 0.75
      max_aspect_ratio: 3.0
      min_area: 0.75
      max_area: 1.0
      overlap_thresh: 0.0
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.08 over the whole run, after a 1000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.08
          total_steps: 50000
          warmup_learning_rate: 0.026666
          warmup_steps: 1000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained MobileNet v2 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/mobilenet_v2/ckpt-1"
  num_steps: 50000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
  StdlibConfig(
    name: "ssd_resnet50_v1_fpn_640x640",
    text: #"""
# SSD ResNet-50 v1 FPN 640x640, better known as RetinaNet: a ResNet-50 v1
# backbone with a feature pyramid (levels 3 to 7, 256 channels), one box
# predictor shared by every level, and focal loss.
#
# Input: 640x640, resized without keeping the aspect ratio.
#
# Numbers from: tensorflow/models, research/object_detection/configs/tf2/
# ssd_resnet50_v1_fpn_640x640_coco17_tpu-8.config (34.3 COCO mAP). The batch
# size of 64 is global, over 8 TPU cores; on one GPU divide it and the learning
# rates by the same factor. use_bfloat16 only works on TPUs: set it to false
# elsewhere.
#
# Before training, change:
#   num_classes                  the number of classes in your label map (90: COCO)
#   PATH_TO_BE_CONFIGURED/...    the checkpoint, the label map, the TFRecords
# or let pipec do it:
#   pipec new ssd_resnet50_v1_fpn_640x640 --num-classes 3 --label-map label_map.pbtxt \
#     --train-record train.record --eval-record val.record -o pipeline.config
model {
  ssd {
    num_classes: 90
    image_resizer {
      fixed_shape_resizer {
        height: 640
        width: 640
      }
    }
    feature_extractor {
      type: "ssd_resnet50_v1_fpn_keras"
      depth_multiplier: 1.0
      min_depth: 16
      conv_hyperparams {
        regularizer {
          l2_regularizer {
            weight: 0.0004
          }
        }
        initializer {
          truncated_normal_initializer {
            mean: 0.0
            stddev: 0.03
          }
        }
        activation: RELU_6
        batch_norm {
          decay: 0.997
          scale: true
          epsilon: 0.001
        }
      }
      override_base_feature_extractor_hyperparams: true
      fpn {
        min_level: 3
        max_level: 7
      }
    }
    box_coder {
      faster_rcnn_box_coder {
        y_scale: 10.0
        x_scale: 10.0
        height_scale: 5.0
        width_scale: 5.0
      }
    }
    matcher {
      argmax_matcher {
        matched_threshold: 0.5
        unmatched_threshold: 0.5
        ignore_thresholds: false
        negatives_lower_than_unmatched: true
        force_match_for_each_row: true
        use_matmul_gather: true
      }
    }
    similarity_calculator {
      iou_similarity {
      }
    }
    encode_background_as_zeros: true
    # One predictor tower of four 3x3 convolutions, shared by every level.
    box_predictor {
      weight_shared_convolutional_box_predictor {
        conv_hyperparams {
          regularizer {
            l2_regularizer {
              weight: 0.0004
            }
          }
          initializer {
            random_normal_initializer {
              mean: 0.0
              stddev: 0.01
            }
          }
          activation: RELU_6
          batch_norm {
            decay: 0.997
            scale: true
            epsilon: 0.001
          }
        }
        num_layers_before_predictor: 4
        depth: 256
        kernel_size: 3
        class_prediction_bias_init: -4.6
      }
    }
    # Per level: 2 scales per octave x 3 aspect ratios = 6 anchors, sized
    # 4 x the level's stride.
    anchor_generator {
      multiscale_anchor_generator {
        min_level: 3
        max_level: 7
        anchor_scale: 4.0
        aspect_ratios: 1.0
        aspect_ratios: 2.0
        aspect_ratios: 0.5
        scales_per_octave: 2
      }
    }
    post_processing {
      batch_non_max_suppression {
        score_threshold: 1e-08
        iou_threshold: 0.6
        max_detections_per_class: 100
        max_total_detections: 100
      }
      score_converter: SIGMOID
    }
    normalize_loss_by_num_matches: true
    normalize_loc_loss_by_codesize: true
    loss {
      localization_loss {
        weighted_smooth_l1 {
        }
      }
      # Focal loss (Lin et al., 2017, https://arxiv.org/abs/1708.02002).
      classification_loss {
        weighted_sigmoid_focal {
          gamma: 2.0
          alpha: 0.25
        }
      }
      classification_weight: 1.0
      localization_weight: 1.0
    }
    inplace_batchnorm_update: true
    freeze_batchnorm: false
  }
}
train_config {
  batch_size: 64
  data_augmentation_options {
    random_horizontal_flip {
    }
  }
  data_augmentation_options {
    random_crop_image {
      min_object_covered: 0.0
      min_aspect_ratio: 0.75
      max_aspect_ratio: 3.0
      min_area: 0.75
      max_area: 1.0
      overlap_thresh: 0.0
    }
  }
  sync_replicas: true
  optimizer {
    # Cosine decay from 0.04 over the whole run, after a 2000-step linear warm-up.
    momentum_optimizer {
      learning_rate {
        cosine_decay_learning_rate {
          learning_rate_base: 0.04
          total_steps: 25000
          warmup_learning_rate: 0.013333
          warmup_steps: 2000
        }
      }
      momentum_optimizer_value: 0.9
    }
    use_moving_average: false
  }
  # An ImageNet-trained ResNet-50 v1 classifier.
  fine_tune_checkpoint: "PATH_TO_BE_CONFIGURED/resnet50_v1/ckpt-1"
  num_steps: 25000
  startup_delay_steps: 0.0
  replicas_to_aggregate: 8
  unpad_groundtruth_tensors: false
  fine_tune_checkpoint_type: "classification"
  use_bfloat16: true
  fine_tune_checkpoint_version: V2
}
train_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/train.record"
  }
}
eval_config {
  metrics_set: "coco_detection_metrics"
  use_moving_averages: false
}
eval_input_reader {
  label_map_path: "PATH_TO_BE_CONFIGURED/label_map.pbtxt"
  shuffle: false
  num_epochs: 1
  tf_record_input_reader {
    input_path: "PATH_TO_BE_CONFIGURED/val.record"
  }
}

"""#),
]
